import { parseGrype } from './parse-grype.js';
import { parseSarif } from './parse-sarif.js';
import { parseTrivy } from './parse-trivy.js';
import type { ScanFormat, ScanInput, ScanReportReader } from './scan-report.js';

export { ScanParseError } from './scan-parse-error.js';
export * from './scan-report.js';

/** The reader of a format: findings as they stream, then what the report says about the scan. */
export function readScanReport(format: ScanFormat, input: ScanInput): ScanReportReader {
  switch (format) {
    case 'trivy':
      return parseTrivy(input);
    case 'grype':
      return parseGrype(input);
    case 'sarif':
      return parseSarif(input);
  }
}
