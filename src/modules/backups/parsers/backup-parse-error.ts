import type { BackupImportFormat } from './parsed-backup-run.js';

/**
 * Input that is not what the chosen format promises. The message always names the format and, when
 * known, the line and the field, e.g. `restic: line 4: summary.snapshot_id is missing`, because it
 * is shown as-is to whoever runs the import.
 */
export class BackupParseError extends Error {
  readonly format: BackupImportFormat;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(
    format: BackupImportFormat,
    problem: string,
    location: { line?: number; field?: string } = {},
  ) {
    const where = [
      location.line === undefined ? null : `line ${location.line}`,
      location.field === undefined || location.field === '' ? null : location.field,
    ].filter((part): part is string => part !== null);
    super([format, ...where, problem].join(': '));
    this.name = 'BackupParseError';
    this.format = format;
    this.line = location.line;
    this.field = location.field;
  }
}
