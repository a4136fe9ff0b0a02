import { z } from 'zod';
import type { JsonPath, JsonSelection } from '../../../platform/json/json-stream.js';
import { instantOrNull, parseElement, reportElements, severityOf } from './report-elements.js';
import { ScanParseError } from './scan-parse-error.js';
import type { FindingSeverity, ParsedFinding, ScanInput, ScanReportReader } from './scan-report.js';

/** Grype's severity words (grype/vulnerability/severity.go). */
const GRYPE_SEVERITIES: Readonly<Record<string, FindingSeverity>> = {
  unknown: 'unknown',
  negligible: 'negligible',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** One entry of `matches[]` in `grype -o json` (grype/presenter/models/match.go). */
const grypeMatchSchema = z.object({
  vulnerability: z.object({
    id: z.string().min(1),
    severity: z.string().min(1),
    description: z.string().optional(),
    fix: z
      .object({ versions: z.array(z.string()).nullish(), state: z.string().optional() })
      .optional(),
  }),
  artifact: z.object({
    name: z.string().min(1),
    version: z.string(),
    locations: z.array(z.object({ path: z.string().optional() })).nullish(),
  }),
});

/** `source.target`: the user's input for an image, a path for a directory or file. */
const grypeSourceSchema = z.object({
  type: z.string().optional(),
  target: z
    .union([
      z.string(),
      z.object({
        userInput: z.string().optional(),
        name: z.string().optional(),
        path: z.string().optional(),
      }),
    ])
    .optional(),
});

const EXPECTED = 'that `grype <target> -o json`';
const TITLE_CHARACTERS = 300;

function select(path: JsonPath): JsonSelection {
  const [top, second] = path;
  if (path.length === 1) {
    if (top === 'source') return 'take';
    return top === 'matches' || top === 'descriptor' ? 'descend' : 'skip';
  }
  if (top === 'matches' && path.length === 2 && typeof second === 'number') return 'take';
  if (top === 'descriptor' && path.length === 2 && (second === 'timestamp' || second === 'name'))
    return 'take';
  return 'skip';
}

function targetName(target: z.infer<typeof grypeSourceSchema>['target']): string | null {
  if (target === undefined) return null;
  if (typeof target === 'string') return target === '' ? null : target;
  return target.userInput || target.name || target.path || null;
}

/**
 * Grype's JSON document: `matches[]` (each a `vulnerability` found in an `artifact`), then
 * `source.target` (what was scanned) and `descriptor.timestamp` (when). `"matches": []` is a clean
 * scan; a document without `matches` is not Grype's.
 */
export function parseGrype(input: ScanInput): ScanReportReader {
  const facts: ScanReportReader['facts'] = {
    scanner: 'grype',
    artifactName: null,
    scannedAt: null,
  };
  // `"matches": []` yields nothing: whether the key was there tells a clean scan from another tool.
  let matchesKeySeen = false;
  const selectNoting = (path: JsonPath): JsonSelection => {
    if (path.length === 1 && path[0] === 'matches') matchesKeySeen = true;
    return select(path);
  };
  async function* findings(): AsyncGenerator<ParsedFinding> {
    let sawMatches = false;
    for await (const element of reportElements('grype', input, selectNoting, EXPECTED)) {
      const [top, second] = element.path;
      if (top === 'source') {
        facts.artifactName = targetName(parseElement('grype', grypeSourceSchema, element).target);
        continue;
      }
      if (top === 'descriptor') {
        if (second === 'timestamp') facts.scannedAt = instantOrNull(element.value);
        else if (element.value !== 'grype') {
          throw new ScanParseError(
            'grype',
            `was written by ${JSON.stringify(element.value)}, not grype`,
            { line: element.line, field: 'descriptor.name' },
          );
        }
        continue;
      }
      sawMatches = true;
      const match = parseElement('grype', grypeMatchSchema, element);
      const fix = match.vulnerability.fix;
      const fixedVersion = fix?.state === 'fixed' ? (fix.versions?.[0] ?? null) : null;
      yield {
        vulnerabilityId: match.vulnerability.id,
        packageName: match.artifact.name,
        installedVersion: match.artifact.version,
        severity: severityOf('grype', GRYPE_SEVERITIES, match.vulnerability.severity, {
          line: element.line,
          field: `matches[${String(second)}].vulnerability.severity`,
        }),
        fixedVersion: fixedVersion === '' ? null : fixedVersion,
        title: (match.vulnerability.description ?? '').slice(0, TITLE_CHARACTERS),
        target: match.artifact.locations?.[0]?.path ?? '',
        line: element.line,
      };
    }
    if (!sawMatches && !matchesKeySeen) {
      throw new ScanParseError('grype', `matches is missing: not a report ${EXPECTED} writes`, {
        field: 'matches',
      });
    }
  }
  return { findings: findings(), facts };
}
