import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FindingView,
  ImportScanResult,
} from '../../src/modules/vulnerabilities/vulnerability.schema.js';
import { scanFixturePath } from '../fixtures/scans/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline scans', () => {
  let t: TestApp;
  let url: string;
  let engineering: string;
  let viewer: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await t.tokenFor('admin');
    engineering = await t.tokenFor('engineering');
    viewer = await t.tokenFor('viewer');
    for (const [key, configurationReference] of [
      ['payments-api', 'registry.example.com/payments-api'],
      ['billing', ''],
      ['ledger', ''],
    ]) {
      const response = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: key,
        category: 'application',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'confidential',
        configurationReference,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('ingests a report matched to its asset by name, then the same report again storing nothing', async () => {
    const file = scanFixturePath('trivy/payments-api.json');
    const first = await as(engineering, '--json', 'scans', 'ingest', '--format', 'trivy', file);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      received: 3,
      created: 3,
      alreadyRecorded: 0,
      fixed: 0,
      assetKey: 'payments-api',
    } satisfies Partial<ImportScanResult>);
    const again = await as(engineering, 'scans', 'ingest', '--format', 'trivy', file);
    expect(again).toEqual({
      code: 0,
      stdout:
        'Ingested 3 findings (trivy, trivy) of payments-api scanned at 2026-12-01T09:00:00.123Z: 0 new, 3 already recorded, 0 fixed, 0 reopened.\n',
      stderr: '',
    });
    const listed = await as(
      engineering,
      '--json',
      'scans',
      'findings',
      '--asset',
      'payments-api',
      '--severity',
      'critical',
    );
    expect((JSON.parse(listed.stdout) as FindingView[]).map((f) => f.vulnerabilityId)).toEqual([
      'CVE-2026-1001',
    ]);
  });

  it('ingests with --asset a report naming a target no asset has', async () => {
    const result = await as(
      engineering,
      '--json',
      'scans',
      'ingest',
      '--format',
      'grype',
      '--asset',
      'billing',
      scanFixturePath('grype/directory-clean.json'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      received: 0,
      created: 0,
      assetKey: 'billing',
    });
  });

  it('exits 1 naming the line and field of a malformed report, and the name it could not match', async () => {
    const severity = await as(
      engineering,
      'scans',
      'ingest',
      '--format',
      'trivy',
      '--asset',
      'ledger',
      scanFixturePath('trivy/unknown-severity.json'),
    );
    expect(severity.code).toBe(1);
    expect(severity.stderr).toMatch(
      /^Error: Nothing was imported: trivy: line 77: Results\[1\]\.Vulnerabilities\[0\]\.Severity: "SEVERE" is not a severity/,
    );
    const wrongFormat = await as(
      engineering,
      'scans',
      'ingest',
      '--format',
      'grype',
      '--asset',
      'ledger',
      scanFixturePath('sarif/dependency-scan.sarif'),
    );
    expect(wrongFormat.code).toBe(1);
    expect(wrongFormat.stderr).toMatch(
      /^Error: Nothing was imported: grype: matches: matches is missing/,
    );
    const unmatched = await as(
      engineering,
      'scans',
      'ingest',
      '--format',
      'sarif',
      scanFixturePath('sarif/dependency-scan.sarif'),
    );
    expect(unmatched.code).toBe(1);
    expect(unmatched.stderr).toContain(
      'no asset matches the scanned artifact "https://git.example.com/shop/billing-worker"',
    );
    const denied = await as(
      viewer,
      'scans',
      'ingest',
      '--format',
      'trivy',
      scanFixturePath('trivy/clean.json'),
    );
    expect(denied.code).not.toBe(0);
  });
});
