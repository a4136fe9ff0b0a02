import type { ScanFormat } from './scan-report.js';

/**
 * A report that is not what the chosen format promises. The message names the format and, when
 * known, the line and the field, e.g. `trivy: line 40: Results[0].Vulnerabilities[2].Severity:
 * "SEVERE" is not a severity`, because it is shown as-is to whoever runs the import.
 */
export class ScanParseError extends Error {
  readonly format: ScanFormat;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(
    format: ScanFormat,
    problem: string,
    location: { line?: number; field?: string } = {},
  ) {
    const where = [
      location.line === undefined ? null : `line ${location.line}`,
      location.field === undefined || location.field === '' ? null : location.field,
    ].filter((part): part is string => part !== null);
    super([format, ...where, problem].join(': '));
    this.name = 'ScanParseError';
    this.format = format;
    this.line = location.line;
    this.field = location.field;
  }
}
