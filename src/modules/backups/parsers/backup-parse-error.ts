import { ToolOutputError } from '../../../platform/imports/tool-output.js';
import type { BackupImportFormat } from './parsed-backup-run.js';

/**
 * Input that is not what the chosen backup format promises, e.g.
 * `restic: line 4: summary.snapshot_id is missing` (the message is shown as-is to whoever runs the
 * import).
 */
export class BackupParseError extends ToolOutputError<BackupImportFormat> {}
