import type { BackupInput } from './backup-input.js';
import type {
  BackupImportFormat,
  ParseBackupOptions,
  ParsedBackupRun,
} from './parsed-backup-run.js';
import { parsePlumblineNdjson } from './parse-plumbline-ndjson.js';
import { parseRestic } from './parse-restic.js';
import { parsePgbackrest } from './parse-pgbackrest.js';
import { parseAwsBackup } from './parse-aws-backup.js';
import { parseVelero } from './parse-velero.js';

export {
  BACKUP_IMPORT_FORMATS,
  BACKUP_RUN_STATUSES,
  BACKUP_TYPES,
  type BackupImportFormat,
  type BackupRunStatus,
  type BackupType,
  type ParseBackupOptions,
  type ParsedBackupRun,
} from './parsed-backup-run.js';
export { BackupParseError } from './backup-parse-error.js';
export type { BackupInput } from './backup-input.js';
export {
  MAX_RUNS_PER_REQUEST,
  plumblineBackupRunBatchSchema,
  plumblineBackupRunSchema,
  toParsedBackupRun,
  type PlumblineBackupRun,
  type PlumblineBackupRunBatch,
} from './plumbline-run.schema.js';

/**
 * Reads a backup tool's raw output and yields Plumbline runs, one at a time. Line formats stream
 * (constant memory); single-document formats are read whole, up to 50 MB. Anything that is not
 * the promised format throws a {@link BackupParseError} naming format, line and field; callers
 * that must store all or nothing should collect or validate before committing.
 */
export function parseBackupOutput(
  format: BackupImportFormat,
  input: BackupInput,
  options: ParseBackupOptions = {},
): AsyncIterable<ParsedBackupRun> {
  switch (format) {
    case 'plumbline':
      return parsePlumblineNdjson(input, options);
    case 'restic':
      return parseRestic(input, options);
    case 'pgbackrest':
      return parsePgbackrest(input, options);
    case 'aws-backup':
      return parseAwsBackup(input, options);
    case 'velero':
      return parseVelero(input, options);
  }
}
