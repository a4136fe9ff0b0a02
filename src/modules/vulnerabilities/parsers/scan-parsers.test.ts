import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { selectJsonValues, JsonStreamError } from '../../../platform/json/json-stream.js';
import { readScanReport, ScanParseError, type ParsedFinding, type ScanFormat } from './index.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/scans/', import.meta.url));

/** The fixture in chunks of a few bytes, so every token is split across chunks somewhere. */
function fixture(name: string, chunkBytes = 7): fs.ReadStream {
  return fs.createReadStream(`${FIXTURES}${name}`, { highWaterMark: chunkBytes });
}

async function readAll(format: ScanFormat, name: string, chunkBytes?: number) {
  const reader = readScanReport(format, fixture(name, chunkBytes));
  const findings: ParsedFinding[] = [];
  for await (const finding of reader.findings) findings.push(finding);
  return { findings, facts: reader.facts };
}

async function failure(format: ScanFormat, name: string): Promise<ScanParseError> {
  try {
    await readAll(format, name);
  } catch (error) {
    if (error instanceof ScanParseError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

function chunks(...parts: string[]): AsyncIterable<string> {
  return (async function* () {
    for (const part of parts) yield await Promise.resolve(part);
  })();
}

describe('the streaming JSON reader', () => {
  it('hands over the values it is asked to take, with their paths and lines, across chunk splits', async () => {
    const taken = [];
    for await (const value of selectJsonValues(
      chunks(
        '{"a": {"skip": [1, {"x": "}"}]}, "list": [',
        '{"k": "v\\"1"},\n  {"k": 2e',
        '3}], "n": tr',
        'ue}',
      ),
      (path) =>
        (path[0] === 'list' && path.length === 2) || path[0] === 'n'
          ? 'take'
          : path[0] === 'list'
            ? 'descend'
            : 'skip',
    )) {
      taken.push(value);
    }
    expect(taken).toEqual([
      { path: ['list', 0], value: { k: 'v"1' }, line: 1 },
      { path: ['list', 1], value: { k: 2000 }, line: 2 },
      { path: ['n'], value: true, line: 2 },
    ]);
  });

  it.each([
    ['{"a": [1, 2', 'the JSON ends too early (truncated output?)'],
    ['{"a": 1,}', 'expected a property name, found "}"'],
    ['{"a": 1} x', 'unexpected content after the end of the JSON document'],
    ['{"a": nul}', '"nul" is not a JSON value'],
    ['', 'the input is empty'],
  ])('refuses %j: %s', async (text, problem) => {
    const run = async () => {
      for await (const value of selectJsonValues(chunks(text), () => 'descend')) void value;
    };
    await expect(run()).rejects.toThrow(JsonStreamError);
    await expect(run()).rejects.toThrow(problem);
  });
});

describe('scanner report parsers', () => {
  it('reads a Trivy report with several targets: findings, artifact name and scan time', async () => {
    const { findings, facts } = await readAll('trivy', 'trivy/payments-api.json');
    expect(facts).toEqual({
      scanner: 'trivy',
      artifactName: 'registry.example.com/payments-api:1.4.2',
      scannedAt: new Date('2026-12-01T09:00:00.123Z'),
    });
    expect(
      findings.map((f) => [
        f.vulnerabilityId,
        f.packageName,
        f.installedVersion,
        f.severity,
        f.fixedVersion,
        f.target,
      ]),
    ).toEqual([
      [
        'CVE-2026-1001',
        'libcrypto3',
        '3.1.4-r2',
        'critical',
        '3.1.4-r5',
        'registry.example.com/payments-api:1.4.2 (alpine 3.19.1)',
      ],
      [
        'CVE-2026-1002',
        'busybox',
        '1.36.1-r15',
        'medium',
        null,
        'registry.example.com/payments-api:1.4.2 (alpine 3.19.1)',
      ],
      [
        'GHSA-xxxx-yyyy-zzzz',
        'express',
        '4.18.2',
        'high',
        '4.19.2, 5.0.0-beta.3',
        'app/package-lock.json',
      ],
    ]);
  });

  it('reads a clean Trivy report (targets without vulnerabilities) as no findings', async () => {
    expect((await readAll('trivy', 'trivy/clean.json')).findings).toEqual([]);
  });

  it('refuses a Trivy report without results, truncated, with an unknown severity, or from Grype', async () => {
    expect((await failure('trivy', 'trivy/no-results.json')).message).toMatch(
      /trivy: Results: the report has no results/,
    );
    expect((await failure('trivy', 'trivy/truncated.json')).message).toMatch(
      /^trivy: line \d+: the JSON ends too early/,
    );
    const severity = await failure('trivy', 'trivy/unknown-severity.json');
    expect(severity.field).toBe('Results[1].Vulnerabilities[0].Severity');
    expect(severity.message).toMatch(/line 77: .*"SEVERE" is not a severity/);
    expect((await failure('trivy', 'grype/payments-api.json')).field).toBe('SchemaVersion');
  });

  it('reads a Grype document whose target comes after its matches', async () => {
    const { findings, facts } = await readAll('grype', 'grype/payments-api.json');
    expect(facts).toEqual({
      scanner: 'grype',
      artifactName: 'registry.example.com/payments-api:1.4.2',
      scannedAt: new Date('2026-12-02T09:15:00.500Z'),
    });
    expect(
      findings.map((f) => [f.vulnerabilityId, f.packageName, f.severity, f.fixedVersion]),
    ).toEqual([
      ['CVE-2026-1001', 'libcrypto3', 'critical', '3.1.4-r5'],
      ['CVE-2026-2002', 'musl', 'negligible', null],
    ]);
  });

  it('reads an empty Grype match list as a clean scan and refuses a truncated one or a Trivy report', async () => {
    const clean = await readAll('grype', 'grype/directory-clean.json');
    expect(clean).toEqual({
      findings: [],
      facts: {
        scanner: 'grype',
        artifactName: '/src/billing-worker',
        scannedAt: new Date('2026-12-02T11:00:00Z'),
      },
    });
    expect((await failure('grype', 'grype/truncated.json')).message).toMatch(
      /^grype: line 8: .*truncated output/,
    );
    expect((await failure('grype', 'trivy/payments-api.json')).field).toBe('matches');
  });

  it('reads SARIF 2.1.0: rule severities, package lines, properties, and a clean second run', async () => {
    const { findings, facts } = await readAll('sarif', 'sarif/dependency-scan.sarif');
    expect(facts).toEqual({
      scanner: 'depscan',
      artifactName: 'https://git.example.com/shop/billing-worker',
      scannedAt: new Date('2026-12-02T12:00:00Z'),
    });
    expect(
      findings.map((f) => [
        f.vulnerabilityId,
        f.packageName,
        f.installedVersion,
        f.severity,
        f.fixedVersion,
        f.title,
      ]),
    ).toEqual([
      ['CVE-2026-3003', 'lodash', '4.17.20', 'critical', '4.17.21', 'lodash: prototype pollution'],
      ['CVE-2026-3004', 'minimist', '1.2.5', 'low', null, 'minimist: denial of service'],
    ]);
  });

  it('refuses SARIF whose run has no results, whose level is unknown, or that is another format', async () => {
    expect((await failure('sarif', 'sarif/no-results.sarif')).field).toBe('runs[0].results');
    expect((await failure('sarif', 'sarif/unknown-level.sarif')).field).toBe(
      'runs[0].results[0].level',
    );
    expect((await failure('sarif', 'trivy/payments-api.json')).field).toBe('version');
  });
});
