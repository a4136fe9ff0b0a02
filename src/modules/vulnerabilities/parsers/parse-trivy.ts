import { z } from 'zod';
import type { JsonPath, JsonSelection } from '../../../platform/json/json-stream.js';
import { instantOrNull, parseElement, reportElements, severityOf } from './report-elements.js';
import { ScanParseError } from './scan-parse-error.js';
import type { FindingSeverity, ParsedFinding, ScanInput, ScanReportReader } from './scan-report.js';

/** Trivy's severity words (pkg/types, dbTypes.SeverityNames). */
const TRIVY_SEVERITIES: Readonly<Record<string, FindingSeverity>> = {
  unknown: 'unknown',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** One entry of `Results[].Vulnerabilities[]` in `trivy … --format json` (SchemaVersion 2). */
const trivyVulnerabilitySchema = z.object({
  VulnerabilityID: z.string().min(1),
  PkgName: z.string().min(1),
  InstalledVersion: z.string(),
  FixedVersion: z.string().optional(),
  Severity: z.string().min(1),
  Title: z.string().optional(),
});

const EXPECTED = 'that `trivy image|fs|repo --format json`';

function select(path: JsonPath): JsonSelection {
  const [top, result, field, vulnerability] = path;
  if (path.length === 1) {
    return top === 'SchemaVersion' || top === 'ArtifactName' || top === 'CreatedAt'
      ? 'take'
      : top === 'Results'
        ? 'descend'
        : 'skip';
  }
  if (top !== 'Results') return 'skip';
  if (path.length === 2) return typeof result === 'number' ? 'descend' : 'skip';
  if (path.length === 3)
    return field === 'Target' ? 'take' : field === 'Vulnerabilities' ? 'descend' : 'skip';
  return typeof vulnerability === 'number' && path.length === 4 ? 'take' : 'skip';
}

/**
 * Trivy's JSON report (SchemaVersion 2): `ArtifactName`, `CreatedAt` and, per scanned target
 * (`Results[]`, each with its `Target`), `Vulnerabilities[]`. A result without vulnerabilities is a
 * clean target; a report without any result scanned nothing and is refused.
 */
export function parseTrivy(input: ScanInput): ScanReportReader {
  const facts: ScanReportReader['facts'] = {
    scanner: 'trivy',
    artifactName: null,
    scannedAt: null,
  };
  async function* findings(): AsyncGenerator<ParsedFinding> {
    let schemaVersion: unknown;
    let results = 0;
    let target = '';
    for await (const element of reportElements('trivy', input, select, EXPECTED)) {
      const [top, resultIndex] = element.path;
      if (element.path.length === 1) {
        if (top === 'SchemaVersion') {
          schemaVersion = element.value;
          if (schemaVersion !== 2) {
            throw new ScanParseError(
              'trivy',
              `SchemaVersion ${JSON.stringify(schemaVersion)} is not supported (expected 2)`,
              { line: element.line, field: 'SchemaVersion' },
            );
          }
        } else if (top === 'ArtifactName') {
          facts.artifactName =
            typeof element.value === 'string' && element.value !== '' ? element.value : null;
        } else {
          facts.scannedAt = instantOrNull(element.value);
        }
        continue;
      }
      if (schemaVersion === undefined) {
        throw new ScanParseError(
          'trivy',
          `SchemaVersion is missing: not a report ${EXPECTED} writes`,
          { line: element.line, field: 'SchemaVersion' },
        );
      }
      if (element.path.length === 3) {
        results = Math.max(results, Number(resultIndex) + 1);
        target = typeof element.value === 'string' ? element.value : '';
        continue;
      }
      results = Math.max(results, Number(resultIndex) + 1);
      const vulnerability = parseElement('trivy', trivyVulnerabilitySchema, element);
      yield {
        vulnerabilityId: vulnerability.VulnerabilityID,
        packageName: vulnerability.PkgName,
        installedVersion: vulnerability.InstalledVersion,
        severity: severityOf('trivy', TRIVY_SEVERITIES, vulnerability.Severity, {
          line: element.line,
          field: `Results[${String(resultIndex)}].Vulnerabilities[${String(element.path[3])}].Severity`,
        }),
        fixedVersion: vulnerability.FixedVersion ? vulnerability.FixedVersion : null,
        title: vulnerability.Title ?? '',
        target,
        line: element.line,
      };
    }
    if (schemaVersion === undefined) {
      throw new ScanParseError(
        'trivy',
        `SchemaVersion is missing: not a report ${EXPECTED} writes`,
        { field: 'SchemaVersion' },
      );
    }
    if (results === 0) {
      throw new ScanParseError(
        'trivy',
        'the report has no results: Trivy found nothing to scan (wrong path or image?)',
        { field: 'Results' },
      );
    }
  }
  return { findings: findings(), facts };
}
