import type { BackupInput } from './backup-input.js';
import { BackupParseError } from './backup-parse-error.js';
import { parseWithSchema, readJsonDocument } from './json-input.js';
import type { BackupRunStatus, ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import {
  veleroBackupListSchema,
  veleroBackupSchema,
  type VeleroBackup,
  type VeleroBackupPhase,
} from './velero.schema.js';

/** Final phases and what they mean; every other phase is a backup still under way. */
function statusOf(phase: VeleroBackupPhase | undefined): BackupRunStatus | null {
  switch (phase) {
    case 'Completed':
      return 'succeeded';
    case 'PartiallyFailed':
      return 'partial';
    case 'Failed':
    case 'FailedValidation':
      return 'failed';
    // Deleting says nothing more about how a backup went: its earlier import stands.
    case undefined:
    case 'New':
    case 'Queued':
    case 'ReadyToStart':
    case 'InProgress':
    case 'Uploading':
    case 'UploadingPartialFailure':
    case 'WaitingForPluginOperations':
    case 'WaitingForPluginOperationsPartiallyFailed':
    case 'Finalizing':
    case 'FinalizingPartiallyFailed':
    case 'Deleting':
      return null;
  }
}

function messageOf(backup: VeleroBackup, status: BackupRunStatus): string | null {
  if (status === 'succeeded') return null;
  const state = backup.status;
  const parts = [
    state?.failureReason,
    ...(state?.validationErrors ?? []),
    state?.errors || state?.warnings
      ? `${state.errors ?? 0} errors, ${state.warnings ?? 0} warnings (velero backup logs ${backup.metadata.name})`
      : undefined,
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length > 0 ? parts.join('\n') : null;
}

function toRun(
  backup: VeleroBackup,
  status: BackupRunStatus,
  field: string,
  options: ParseBackupOptions,
): ParsedBackupRun {
  // A backup that failed validation never started: its creation is the only time it has.
  const started = backup.status?.startTimestamp ?? backup.metadata.creationTimestamp;
  if (started === undefined) {
    throw new BackupParseError('velero', 'is missing', { field: `${field}status.startTimestamp` });
  }
  const startedAt = new Date(started);
  const completion = backup.status?.completionTimestamp;
  const namespaces = backup.spec?.includedNamespaces ?? [];
  return {
    assetKey: options.defaultAssetKey ?? null,
    // Velero backs up every namespace when none are listed.
    assetReference: namespaces.length > 0 ? [...namespaces].sort().join(',') : '*',
    tool: 'velero',
    job: backup.metadata.labels?.['velero.io/schedule-name'] ?? null,
    // The name, not the uid: a backup synced into another cluster keeps its name, not its uid.
    externalId: backup.metadata.name,
    startedAt,
    finishedAt: completion === undefined ? null : new Date(completion),
    status,
    backupType: null,
    sizeBytes: null,
    recoveryPointId: status === 'failed' ? null : backup.metadata.name,
    // Resources are read during the backup; its start is the earliest state it may hold.
    recoveryPointAt: status === 'failed' ? null : startedAt,
    encrypted: null,
    // The backup storage location's name (spec, else the label Velero sets): the backup itself does
    // not carry the location's cloud region, so name locations after their region, or list
    // their names in a policy's requiredRegions (docs/backups-formats.md).
    region:
      backup.spec?.storageLocation ??
      backup.metadata.labels?.['velero.io/storage-location'] ??
      null,
    message: messageOf(backup, status),
    line: null,
    listed: true,
  };
}

function backupsIn(document: object): { value: unknown; field: string }[] {
  if ('items' in document) {
    const list = parseWithSchema('velero', veleroBackupListSchema, document);
    return list.items.map((value, index) => ({ value, field: `items[${index}].` }));
  }
  return [{ value: document, field: '' }];
}

/**
 * `velero backup get -o json`: one Backup object when one backup matches, else a BackupList
 * (`items`). One run per backup in a final phase; backups still in progress are skipped and
 * counted once they finish (the name makes re-import idempotent). An empty list yields nothing.
 */
export async function* parseVelero(
  input: BackupInput,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  const document = await readJsonDocument('velero', input, 'velero backup get -o json', 'object');
  for (const { value, field } of backupsIn(document)) {
    const backup = parseWithSchema('velero', veleroBackupSchema, value, {
      fieldPrefix: field.slice(0, -1),
    });
    const status = statusOf(backup.status?.phase);
    if (status !== null) yield toRun(backup, status, field, options);
  }
}
