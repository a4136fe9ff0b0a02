import type { BackupInput } from './backup-input.js';
import { parseWithSchema, readJsonDocument } from './json-input.js';
import type { BackupType, ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import {
  pgbackrestInfoSchema,
  type PgbackrestBackup,
  type PgbackrestStanza,
} from './pgbackrest.schema.js';

const BACKUP_TYPE: Record<PgbackrestBackup['type'], BackupType> = {
  full: 'full',
  diff: 'differential',
  incr: 'incremental',
};

/** Whether the repository holding this backup encrypts it; null when pgBackRest does not say. */
function isEncrypted(stanza: PgbackrestStanza, backup: PgbackrestBackup): boolean | null {
  const repoKey = backup.database?.['repo-key'];
  const repo = stanza.repo?.find((candidate) => candidate.key === repoKey);
  const cipher = repo?.cipher ?? stanza.cipher;
  if (cipher === undefined || cipher === 'mixed') return null;
  return cipher !== 'none';
}

function toRun(
  stanza: PgbackrestStanza,
  backup: PgbackrestBackup,
  options: ParseBackupOptions,
): ParsedBackupRun {
  const finishedAt = new Date(backup.timestamp.stop * 1000);
  return {
    assetKey: options.defaultAssetKey ?? null,
    assetReference: stanza.name,
    tool: 'pgbackrest',
    job: null,
    // Labels are unique within a stanza, not across stanzas sharing a repository.
    externalId: `${stanza.name}/${backup.label}`,
    startedAt: new Date(backup.timestamp.start * 1000),
    finishedAt,
    status: backup.error === true ? 'partial' : 'succeeded',
    backupType: BACKUP_TYPE[backup.type],
    sizeBytes: backup.info?.size ?? null,
    recoveryPointId: backup.label,
    // A restore of this set is consistent only once WAL is replayed to the backup's stop point.
    recoveryPointAt: finishedAt,
    encrypted: isEncrypted(stanza, backup),
    region: null,
    message:
      backup.error === true
        ? `pgBackRest found invalid page checksums in this backup; run \`pgbackrest info --stanza=${stanza.name} --set=${backup.label}\` for the files`
        : null,
    line: null,
    listed: true,
  };
}

/**
 * `pgbackrest info --output=json`: an array of stanzas, each listing the backups in its
 * repositories. pgBackRest lists only backups that completed, so every entry is a run that
 * succeeded, or is partial when it flags page checksum errors. A stanza whose status is not ok
 * (no valid backups, missing data) and a backup still running (status.lock) are not runs: the
 * missed-window check is what notices them.
 */
export async function* parsePgbackrest(
  input: BackupInput,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  const document = await readJsonDocument(
    'pgbackrest',
    input,
    'pgbackrest info --output=json',
    'array',
  );
  const stanzas = parseWithSchema('pgbackrest', pgbackrestInfoSchema, document);
  for (const stanza of stanzas) {
    for (const backup of stanza.backup) yield toRun(stanza, backup, options);
  }
}
