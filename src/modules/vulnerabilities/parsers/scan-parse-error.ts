import { ToolOutputError } from '../../../platform/imports/tool-output.js';
import type { ScanFormat } from './scan-report.js';

/**
 * A report that is not what the chosen scanner format promises, e.g. `trivy: line 40:
 * Results[0].Vulnerabilities[2].Severity: "SEVERE" is not a severity` (the message is shown as-is
 * to whoever runs the import).
 */
export class ScanParseError extends ToolOutputError<ScanFormat> {}
