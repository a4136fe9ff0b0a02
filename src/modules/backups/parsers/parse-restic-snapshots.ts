import { BackupParseError } from './backup-parse-error.js';
import { parseJson, parseWithSchema } from './json-input.js';
import type { ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import {
  resticSnapshotGroupSchema,
  resticSnapshotSchema,
  type ResticSnapshot,
} from './restic.schema.js';

function toRun(snapshot: ResticSnapshot, options: ParseBackupOptions): ParsedBackupRun {
  const snapshotTime = new Date(snapshot.time);
  const paths = snapshot.paths ?? [];
  const tags = snapshot.tags ?? [];
  return {
    assetKey: options.defaultAssetKey ?? null,
    assetReference:
      snapshot.hostname === undefined && paths.length === 0
        ? null
        : `${snapshot.hostname ?? ''}:${paths.join(',')}`,
    tool: 'restic',
    job: tags.length > 0 ? tags.join(',') : null,
    // The same id as the summary line of the backup that made it, so both imports agree.
    externalId: snapshot.id,
    startedAt: snapshot.summary?.backup_start
      ? new Date(snapshot.summary.backup_start)
      : snapshotTime,
    finishedAt: snapshot.summary?.backup_end ? new Date(snapshot.summary.backup_end) : null,
    // A snapshot exists only when its backup completed; restic keeps no record of failed ones.
    status: 'succeeded',
    backupType: null,
    sizeBytes: snapshot.summary?.total_bytes_processed ?? null,
    recoveryPointId: snapshot.id,
    recoveryPointAt: snapshotTime,
    encrypted: true,
    region: null,
    message: null,
    line: null,
    listed: true,
  };
}

/**
 * `restic snapshots --json`: one JSON array of snapshots (or, with --group-by, of groups each
 * holding snapshots). Each snapshot is one succeeded run.
 */
export function parseResticSnapshots(text: string, options: ParseBackupOptions): ParsedBackupRun[] {
  const document = parseJson('restic', text);
  if (!Array.isArray(document)) {
    throw new BackupParseError('restic', 'expected the JSON array of `restic snapshots --json`', {
      line: 1,
    });
  }
  const runs: ParsedBackupRun[] = [];
  document.forEach((element: unknown, index) => {
    const group = resticSnapshotGroupSchema.safeParse(element);
    const members = group.success ? group.data.snapshots : [element];
    members.forEach((member, memberIndex) => {
      const fieldPrefix = group.success ? `[${index}].snapshots[${memberIndex}]` : `[${index}]`;
      const snapshot = parseWithSchema('restic', resticSnapshotSchema, member, { fieldPrefix });
      runs.push(toRun(snapshot, options));
    });
  });
  return runs;
}
