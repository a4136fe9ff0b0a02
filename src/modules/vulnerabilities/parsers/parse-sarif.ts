import { z } from 'zod';
import type {
  JsonPath,
  JsonSelection,
  SelectedJsonValue,
} from '../../../platform/json/json-stream.js';
import { dottedPath } from '../../../platform/imports/tool-output.js';
import { instantOrNull, parseElement, reportElements, severityOf } from './report-elements.js';
import { ScanParseError } from './scan-parse-error.js';
import type { FindingSeverity, ParsedFinding, ScanInput, ScanReportReader } from './scan-report.js';

/** SARIF `level` (§3.27.10) as a severity, when no CVSS `security-severity` is given. */
const SARIF_LEVELS: Readonly<Record<string, FindingSeverity>> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'negligible',
};

const propertiesSchema = z
  .record(z.string(), z.unknown())
  .optional()
  .describe('SARIF property bag (§3.8)');

/** A reportingDescriptor (§3.49): what a rule (here, a vulnerability) is. */
const ruleSchema = z.object({
  id: z.string().min(1),
  shortDescription: z.object({ text: z.string() }).optional(),
  defaultConfiguration: z.object({ level: z.string().optional() }).optional(),
  properties: propertiesSchema,
});

/** A result (§3.27): one finding of one rule at one location. */
const resultSchema = z.object({
  ruleId: z.string().min(1).optional(),
  ruleIndex: z.number().int().min(0).optional(),
  level: z.string().optional(),
  message: z.object({ text: z.string().optional() }).optional(),
  locations: z
    .array(
      z.object({
        physicalLocation: z
          .object({ artifactLocation: z.object({ uri: z.string().optional() }).optional() })
          .optional(),
      }),
    )
    .optional(),
  properties: propertiesSchema,
});

const invocationsSchema = z.array(
  z.object({
    executionSuccessful: z.boolean().optional(),
    startTimeUtc: z.string().optional(),
    endTimeUtc: z.string().optional(),
  }),
);

const provenanceSchema = z.array(z.object({ repositoryUri: z.string().optional() }));

const EXPECTED = 'of SARIF 2.1.0 that the scanner';

interface RuleFacts {
  id: string;
  title: string;
  level: string | undefined;
  securitySeverity: unknown;
}

function select(path: JsonPath): JsonSelection {
  const [top, run, part, sub, index] = path;
  if (path.length === 1) return top === 'version' ? 'take' : top === 'runs' ? 'descend' : 'skip';
  if (top !== 'runs') return 'skip';
  if (path.length === 2) return typeof run === 'number' ? 'descend' : 'skip';
  if (path.length === 3) {
    if (part === 'tool' || part === 'results') return 'descend';
    return part === 'invocations' || part === 'versionControlProvenance' ? 'take' : 'skip';
  }
  if (part === 'results') return path.length === 4 ? 'take' : 'skip';
  if (part !== 'tool') return 'skip';
  if (path.length === 4) return sub === 'driver' ? 'descend' : 'skip';
  if (path.length === 5) return index === 'name' ? 'take' : index === 'rules' ? 'descend' : 'skip';
  return path.length === 6 ? 'take' : 'skip';
}

/** A CVSS base score (GitHub's `security-severity` convention) as a severity band. */
function bandOf(score: number): FindingSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}

/** `Package: openssl` lines, as Trivy's SARIF message text carries them. */
function fromMessage(text: string, label: string): string | null {
  const match = new RegExp(`^${label}:\\s*(.+)$`, 'mi').exec(text);
  return match?.[1]?.trim() || null;
}

function stringProperty(
  properties: Record<string, unknown> | undefined,
  ...names: string[]
): string | null {
  for (const name of names) {
    const value = properties?.[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/**
 * SARIF 2.1.0 from any scanner: each `runs[].results[]` is a finding of the rule it names. The
 * vulnerability is the rule id; the package and versions come from the result's properties
 * (`packageName`, `installedVersion`, `fixedVersion`) or the `Package:` / `Installed Version:` /
 * `Fixed Version:` lines of its message (Trivy's SARIF), else the location's URI; the severity is
 * the CVSS `security-severity` of the result or rule, else the level. All runs must come from one
 * scanner (`tool.driver.name`).
 */
export function parseSarif(input: ScanInput): ScanReportReader {
  const facts: ScanReportReader['facts'] = { scanner: '', artifactName: null, scannedAt: null };
  async function* findings(): AsyncGenerator<ParsedFinding> {
    let version: unknown;
    let runs = 0;
    const runsWithResults = new Set<number>();
    let rules: RuleFacts[] = [];
    let rulesById = new Map<string, RuleFacts>();
    let currentRun = -1;
    for await (const element of reportElements('sarif', input, selectNoting, EXPECTED)) {
      const [top, runIndex, part] = element.path;
      if (top === 'version') {
        version = element.value;
        if (version !== '2.1.0') throw wrongVersion(element);
        continue;
      }
      const run = Number(runIndex);
      runs = Math.max(runs, run + 1);
      if (run !== currentRun) {
        currentRun = run;
        runs = Math.max(runs, run + 1);
        rules = [];
        rulesById = new Map();
      }
      if (part === 'tool') {
        if (element.path.length === 5) {
          const name = typeof element.value === 'string' ? element.value.trim().toLowerCase() : '';
          if (name === '')
            throw new ScanParseError('sarif', 'is missing', {
              line: element.line,
              field: dottedPath(element.path),
            });
          if (facts.scanner !== '' && facts.scanner !== name) {
            throw new ScanParseError(
              'sarif',
              `all runs must come from one scanner (${facts.scanner}, then ${name}); import each scanner's report on its own`,
              { line: element.line, field: dottedPath(element.path) },
            );
          }
          facts.scanner = name;
        } else {
          const rule = parseElement('sarif', ruleSchema, element);
          const ruleFacts: RuleFacts = {
            id: rule.id,
            title: rule.shortDescription?.text ?? '',
            level: rule.defaultConfiguration?.level,
            securitySeverity: rule.properties?.['security-severity'],
          };
          rules.push(ruleFacts);
          rulesById.set(rule.id, ruleFacts);
        }
        continue;
      }
      if (part === 'invocations') {
        const [invocation] = parseElement('sarif', invocationsSchema, element);
        if (invocation?.executionSuccessful === false) {
          throw new ScanParseError(
            'sarif',
            'the scan did not complete (executionSuccessful is false)',
            { line: element.line, field: `${dottedPath(element.path)}[0].executionSuccessful` },
          );
        }
        facts.scannedAt =
          instantOrNull(invocation?.endTimeUtc) ?? instantOrNull(invocation?.startTimeUtc);
        continue;
      }
      if (part === 'versionControlProvenance') {
        facts.artifactName ??=
          parseElement('sarif', provenanceSchema, element)[0]?.repositoryUri ?? null;
        continue;
      }
      runsWithResults.add(run);
      if (version === undefined) throw wrongVersion(element);
      const result = parseElement('sarif', resultSchema, element);
      const rule =
        result.ruleIndex !== undefined
          ? rules[result.ruleIndex]
          : result.ruleId === undefined
            ? undefined
            : rulesById.get(result.ruleId);
      const vulnerabilityId = result.ruleId ?? rule?.id;
      if (vulnerabilityId === undefined) {
        throw new ScanParseError('sarif', 'is missing (a result must name its rule)', {
          line: element.line,
          field: `${dottedPath(element.path)}.ruleId`,
        });
      }
      const message = result.message?.text ?? '';
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      yield {
        vulnerabilityId,
        packageName:
          stringProperty(result.properties, 'packageName', 'package', 'pkgName') ??
          fromMessage(message, 'Package') ??
          (uri || vulnerabilityId),
        installedVersion:
          stringProperty(result.properties, 'installedVersion', 'packageVersion', 'version') ??
          fromMessage(message, 'Installed Version') ??
          '',
        severity: severityFor(element, result, rule),
        fixedVersion:
          stringProperty(result.properties, 'fixedVersion') ??
          fromMessage(message, 'Fixed Version'),
        title: rule?.title || message.split('\n')[0]?.slice(0, 300) || '',
        target: uri,
        line: element.line,
      };
    }
    if (version === undefined) throw wrongVersion(null);
    runs = Math.max(runs, seenRuns);
    if (runs === 0)
      throw new ScanParseError('sarif', 'the report has no runs: the scanner reported nothing', {
        field: 'runs',
      });
    for (let run = 0; run < runs; run += 1) {
      if (!runsWithResults.has(run) && !cleanRuns.has(run)) {
        throw new ScanParseError(
          'sarif',
          'is missing: the run reports no results (did the scan run?)',
          { field: `runs[${run}].results` },
        );
      }
    }
    if (facts.scanner === '')
      throw new ScanParseError('sarif', 'is missing', { field: 'runs[0].tool.driver.name' });
  }
  // `"results": []` yields nothing: whether the key was there tells a clean run from one that did not run.
  const cleanRuns = new Set<number>();
  let seenRuns = 0;
  const selectNoting = (path: JsonPath): JsonSelection => {
    if (path[0] === 'runs' && path.length >= 2) {
      seenRuns = Math.max(seenRuns, Number(path[1]) + 1);
      if (path.length === 3 && path[2] === 'results') cleanRuns.add(Number(path[1]));
    }
    return select(path);
  };
  return { findings: findings(), facts };
}

function wrongVersion(element: SelectedJsonValue | null): ScanParseError {
  const found = element?.path.length === 1 ? ` (found ${JSON.stringify(element.value)})` : '';
  return new ScanParseError(
    'sarif',
    `version is not "2.1.0"${found}: not a report ${EXPECTED} writes`,
    {
      ...(element ? { line: element.line } : {}),
      field: 'version',
    },
  );
}

function severityFor(
  element: SelectedJsonValue,
  result: z.infer<typeof resultSchema>,
  rule: RuleFacts | undefined,
): FindingSeverity {
  const where = dottedPath(element.path);
  const score = result.properties?.['security-severity'] ?? rule?.securitySeverity;
  if (score !== undefined) {
    const value =
      typeof score === 'number'
        ? score
        : typeof score === 'string' && score.trim() !== ''
          ? Number(score)
          : Number.NaN;
    if (!Number.isFinite(value) || value < 0 || value > 10) {
      throw new ScanParseError(
        'sarif',
        `${JSON.stringify(score)} is not a severity (a CVSS score from 0 to 10)`,
        { line: element.line, field: `${where}.properties.security-severity` },
      );
    }
    return bandOf(value);
  }
  const level = result.level ?? rule?.level ?? 'warning';
  return severityOf('sarif', SARIF_LEVELS, level, { line: element.line, field: `${where}.level` });
}
