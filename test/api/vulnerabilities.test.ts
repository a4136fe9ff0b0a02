import type { LightMyRequestResponse } from 'fastify';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type {
  FindingDetail,
  FindingView,
  ImportScanResult,
} from '../../src/modules/vulnerabilities/vulnerability.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { scanFixtureStream, trivyReport } from '../fixtures/scans/fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, type Person } from '../support/factory.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('vulnerability findings from scanner reports', () => {
  const clock = new FixedClock('2026-12-05T10:00:00Z');
  let t: TestApp;
  let admin: string;
  let engineering: string;
  let viewer: string;
  let auditor: string;
  let assets = 0;

  function importReport(
    query: string,
    body: string | Readable,
    token = engineering,
  ): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/scans/import?${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: body,
    });
  }

  /** A new application asset in production, with a unique key. */
  async function createAsset(options: { configurationReference?: string; tags?: string[] } = {}) {
    assets += 1;
    const key = `app-${assets}`;
    const response = await t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: `Application ${assets}`,
      category: 'application',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
      ...options,
    });
    expect(response.statusCode, response.body).toBe(201);
    return key;
  }

  async function findingsOf(asset: string, filters = ''): Promise<FindingView[]> {
    const response = await t.call(auditor, 'GET', `/api/v1/findings?asset=${asset}${filters}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: FindingView[] }>().items;
  }

  const stored = async () => {
    const count = async (table: 'vulnerability_findings' | 'vulnerability_scans') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      findings: await count('vulnerability_findings'),
      scans: await count('vulnerability_scans'),
    };
  };

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000', PLUMBLINE_REQUIRE_MFA: 'false' },
    });
    admin = await t.tokenFor('admin');
    engineering = await t.tokenFor('engineering');
    viewer = await t.tokenFor('viewer');
    auditor = await t.tokenFor('auditor');
  });
  afterAll(() => t.close());

  it('imports a Trivy report of several targets into findings with deadlines set at detection', async () => {
    const asset = await createAsset();
    const response = await importReport(
      `format=trivy&asset=${asset}`,
      scanFixtureStream('trivy/payments-api.json'),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ImportScanResult>()).toMatchObject({
      received: 3,
      created: 3,
      alreadyRecorded: 0,
      fixed: 0,
      reopened: 0,
      format: 'trivy',
      scanner: 'trivy',
      assetKey: asset,
      scannedAt: '2026-12-01T09:00:00.123Z',
    });
    const detected = new Date('2026-12-01T09:00:00.123Z').getTime();
    const byId = Object.fromEntries((await findingsOf(asset)).map((f) => [f.vulnerabilityId, f]));
    expect(byId['CVE-2026-1001']).toMatchObject({
      packageName: 'libcrypto3',
      installedVersion: '3.1.4-r2',
      severity: 'critical',
      fixAvailable: true,
      fixedVersion: '3.1.4-r5',
      firstSeenAt: '2026-12-01T09:00:00.123Z',
      slaDueAt: new Date(detected + 72 * HOUR).toISOString(),
      status: 'open',
      overdue: true,
    });
    expect(byId['GHSA-xxxx-yyyy-zzzz']).toMatchObject({
      severity: 'high',
      slaDueAt: new Date(detected + 30 * DAY).toISOString(),
      overdue: false,
    });
    expect(byId['CVE-2026-1002']).toMatchObject({
      severity: 'medium',
      fixAvailable: false,
      slaDueAt: new Date(detected + 90 * DAY).toISOString(),
    });
    // The critical and the high finding each started their catalogue SLA occurrence at detection.
    const occurrence = await t.call(
      admin,
      'GET',
      `/api/v1/occurrences/${byId['CVE-2026-1001']!.slaOccurrenceId}`,
    );
    expect(occurrence.json<OccurrenceView>()).toMatchObject({
      controlKey: 'critical-patch-72h',
      assetKey: asset,
      dueAt: byId['CVE-2026-1001']!.slaDueAt,
    });
    expect(byId['GHSA-xxxx-yyyy-zzzz']!.slaOccurrenceId).not.toBeNull();
    expect(byId['CVE-2026-1002']!.slaOccurrenceId).toBeNull();
  });

  it('stores nothing twice when the same report is imported again', async () => {
    const asset = await createAsset();
    const body = trivyReport({
      createdAt: '2026-12-02T08:00:00Z',
      artifact: 'shop',
      vulnerabilities: [{ id: 'CVE-2026-7001', pkg: 'zlib', version: '1.2.13', severity: 'LOW' }],
    });
    expect((await importReport(`format=trivy&asset=${asset}`, body)).statusCode).toBe(201);
    const before = await stored();
    const again = await importReport(`format=trivy&asset=${asset}`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json<ImportScanResult>()).toMatchObject({
      received: 1,
      created: 0,
      alreadyRecorded: 1,
      fixed: 0,
    });
    expect(await stored()).toEqual(before);
  });

  it('stores a report sent twice at once only once: the second import waits and finds it recorded', async () => {
    const asset = await createAsset();
    const body = () =>
      trivyReport({
        createdAt: '2026-12-02T09:00:00Z',
        artifact: 'shop',
        vulnerabilities: [
          { id: 'CVE-2026-7101', pkg: 'zlib', version: '1.2.13', severity: 'LOW' },
          { id: 'CVE-2026-7102', pkg: 'expat', version: '2.5.0', severity: 'MEDIUM' },
        ],
      });
    const answers = await Promise.all([
      importReport(`format=trivy&asset=${asset}`, body()),
      importReport(`format=trivy&asset=${asset}`, body()),
    ]);
    const results = answers
      .map((answer) => [answer.statusCode, answer.json<ImportScanResult>()] as const)
      .sort(([a], [b]) => a - b);
    expect(
      results.map(([status, result]) => [status, result.created, result.alreadyRecorded]),
    ).toEqual([
      [200, 0, 2],
      [201, 2, 0],
    ]);
    expect(results[0]![1].scanId).toBe(results[1]![1].scanId);
    expect(await findingsOf(asset)).toHaveLength(2);
  });

  it('fixes at the later scan’s time a finding that scan no longer shows, and satisfies its SLA', async () => {
    const asset = await createAsset();
    await importReport(`format=trivy&asset=${asset}`, scanFixtureStream('trivy/payments-api.json'));
    const rescan = await importReport(
      `format=trivy&asset=${asset}`,
      scanFixtureStream('trivy/payments-api-rescan.json'),
    );
    expect(rescan.json<ImportScanResult>()).toMatchObject({
      received: 2,
      created: 0,
      alreadyRecorded: 2,
      fixed: 1,
    });
    const [fixed] = await findingsOf(asset, '&status=fixed');
    expect(fixed).toMatchObject({
      vulnerabilityId: 'CVE-2026-1001',
      fixedAt: '2026-12-03T09:00:00.000Z',
      status: 'fixed',
      overdue: false,
    });
    const open = await findingsOf(asset, '&status=open');
    expect(open.map((f) => [f.vulnerabilityId, f.lastSeenAt]).sort()).toEqual([
      ['CVE-2026-1002', '2026-12-03T09:00:00.000Z'],
      ['GHSA-xxxx-yyyy-zzzz', '2026-12-03T09:00:00.000Z'],
    ]);
    const occurrence = await t.call(admin, 'GET', `/api/v1/occurrences/${fixed!.slaOccurrenceId}`);
    expect(occurrence.json<OccurrenceView>().events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['completed', 'verified']),
    );
    // A clean scan fixes the rest; an older report imported late changes nothing it should not.
    const clean = await importReport(
      `format=trivy&asset=${asset}`,
      scanFixtureStream('trivy/clean.json'),
    );
    expect(clean.json<ImportScanResult>()).toMatchObject({ received: 0, created: 0, fixed: 2 });
    expect(await findingsOf(asset, '&status=open')).toEqual([]);
  });

  it('counts a fix at its scan’s time however late the scan arrives, and leaves an SLA missed when the fix came after its window', async () => {
    const asset = await createAsset();
    const scan = (createdAt: string, ids: string[]) =>
      importReport(
        `format=trivy&asset=${asset}`,
        trivyReport({
          createdAt,
          artifact: 'shop',
          vulnerabilities: ids.map((id) => ({
            id,
            pkg: 'openssl',
            version: '3.0.1',
            severity: 'CRITICAL',
          })),
        }),
      );
    // Both critical at 1 November (due 4 November); the scans that fix them reach Plumbline on 5
    // December: one fixed on 3 November (in time), one on 20 November (past the week's grace).
    expect(
      (await scan('2026-11-01T00:00:00Z', ['CVE-2026-8001', 'CVE-2026-8002'])).statusCode,
    ).toBe(201);
    await scan('2026-11-03T00:00:00Z', ['CVE-2026-8002']);
    await scan('2026-11-20T00:00:00Z', []);
    const byId = Object.fromEntries((await findingsOf(asset)).map((f) => [f.vulnerabilityId, f]));
    expect(byId['CVE-2026-8001']).toMatchObject({ fixedAt: '2026-11-03T00:00:00.000Z' });
    expect(byId['CVE-2026-8002']).toMatchObject({ fixedAt: '2026-11-20T00:00:00.000Z' });
    const statusOf = async (id: string) =>
      (
        await t.call(admin, 'GET', `/api/v1/occurrences/${byId[id]!.slaOccurrenceId}`)
      ).json<OccurrenceView>().status;
    expect(await statusOf('CVE-2026-8001')).toBe('verified');
    const evidenced = await t.ctx.db
      .selectFrom('occurrence_events')
      .select(['kind', 'evidenced_at'])
      .where('occurrence_id', '=', byId['CVE-2026-8001']!.slaOccurrenceId!)
      .orderBy('seq')
      .execute();
    expect(evidenced).toEqual([
      { kind: 'completed', evidenced_at: new Date('2026-11-03T00:00:00Z') },
      { kind: 'verified', evidenced_at: new Date('2026-11-03T00:00:00Z') },
    ]);
    expect(await statusOf('CVE-2026-8002')).toBe('missed');
  });

  it('keeps the SLA deadline of first detection when a later scan rates the finding differently', async () => {
    const asset = await createAsset();
    const scan = (createdAt: string, severity: string) =>
      importReport(
        `format=trivy&asset=${asset}`,
        trivyReport({
          createdAt,
          artifact: 'shop',
          vulnerabilities: [{ id: 'CVE-2026-7002', pkg: 'curl', version: '8.5.0', severity }],
        }),
      );
    await scan('2026-12-01T00:00:00Z', 'MEDIUM');
    await scan('2026-12-04T00:00:00Z', 'CRITICAL');
    const [finding] = await findingsOf(asset);
    expect(finding).toMatchObject({
      severity: 'critical',
      firstSeenAt: '2026-12-01T00:00:00.000Z',
      lastSeenAt: '2026-12-04T00:00:00.000Z',
      slaDueAt: new Date(Date.parse('2026-12-01T00:00:00Z') + 90 * DAY).toISOString(),
    });
  });

  it('maps a report to its asset by artifact name, tag or configuration reference, and refuses one it cannot match', async () => {
    const byReference = await createAsset({
      configurationReference: 'registry.example.com/payments-api',
    });
    const trivy = await importReport('format=trivy', scanFixtureStream('trivy/payments-api.json'));
    expect(trivy.statusCode, trivy.body).toBe(201);
    expect(trivy.json<ImportScanResult>().assetKey).toBe(byReference);
    const byTag = await createAsset({ tags: ['billing-worker'] });
    const grype = await importReport(
      'format=grype',
      scanFixtureStream('grype/directory-clean.json'),
    );
    expect(grype.json<ImportScanResult>()).toMatchObject({ assetKey: byTag, received: 0 });
    const before = await stored();
    const unmatched = await importReport(
      'format=trivy',
      trivyReport({
        createdAt: '2026-12-02T00:00:00Z',
        artifact: 'registry.example.com/unregistered/ledger:2.0',
        vulnerabilities: [{ id: 'CVE-2026-7003', pkg: 'glibc', version: '2.36', severity: 'HIGH' }],
      }),
    );
    expect(unmatched.statusCode).toBe(400);
    expect(unmatched.json<{ error: { message: string } }>().error.message).toBe(
      'Nothing was imported: no asset matches the scanned artifact "registry.example.com/unregistered/ledger:2.0" by key, tag or configuration reference; set one on the asset or pass asset=KEY',
    );
    expect(await stored()).toEqual(before);
  });

  it('imports Grype and SARIF reports, each scanner fixing only what it reported', async () => {
    const asset = await createAsset({
      configurationReference: 'https://git.example.com/shop/billing-worker',
    });
    const sarif = await importReport(
      'format=sarif',
      scanFixtureStream('sarif/dependency-scan.sarif'),
    );
    expect(sarif.json<ImportScanResult>()).toMatchObject({
      assetKey: asset,
      scanner: 'depscan',
      received: 2,
      created: 2,
    });
    const grype = await importReport(
      `format=grype&asset=${asset}`,
      scanFixtureStream('grype/payments-api.json'),
    );
    expect(grype.json<ImportScanResult>()).toMatchObject({
      scanner: 'grype',
      received: 2,
      created: 2,
      fixed: 0,
    });
    const clean = await importReport(
      `format=grype&asset=${asset}`,
      scanFixtureStream('grype/directory-clean.json'),
    );
    expect(clean.json<ImportScanResult>()).toMatchObject({ fixed: 2 });
    const open = await findingsOf(asset, '&status=open');
    expect(open.map((f) => [f.scanner, f.vulnerabilityId]).sort()).toEqual([
      ['depscan', 'CVE-2026-3003'],
      ['depscan', 'CVE-2026-3004'],
    ]);
    const [negligible] = await findingsOf(asset, '&severity=negligible');
    expect(negligible).toMatchObject({
      vulnerabilityId: 'CVE-2026-2002',
      slaDueAt: null,
      status: 'fixed',
    });
  });

  it.each([
    ['trivy', 'trivy/truncated.json', /trivy: line \d+: the JSON ends too early/],
    ['trivy', 'grype/payments-api.json', /trivy: .*SchemaVersion is missing/],
    ['trivy', 'trivy/no-results.json', /trivy: Results: the report has no results/],
    [
      'trivy',
      'trivy/unknown-severity.json',
      /trivy: line 77: Results\[1\]\.Vulnerabilities\[0\]\.Severity: "SEVERE" is not a severity/,
    ],
    ['grype', 'grype/truncated.json', /grype: line 8: .*truncated/],
    ['sarif', 'sarif/no-results.sarif', /sarif: runs\[0\]\.results: is missing/],
    [
      'sarif',
      'sarif/unknown-level.sarif',
      /sarif: line 7: runs\[0\]\.results\[0\]\.level: "fatal" is not a severity/,
    ],
  ])(
    'refuses %s input %s with a 400 naming where, storing nothing',
    async (format, file, message) => {
      const asset = await createAsset();
      const before = await stored();
      const response = await importReport(
        `format=${format}&asset=${asset}`,
        scanFixtureStream(file),
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(message);
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses a report whose bad finding comes after batches already staged, naming its line and storing nothing', async () => {
    const asset = await createAsset();
    const before = await stored();
    const vulnerabilities = Array.from({ length: 2500 }, (_, index) => ({
      id: `CVE-2026-${30000 + index}`,
      pkg: `pkg-${index}`,
      version: '1.0.0',
      severity: index === 2400 ? 'SEVERE' : 'LOW',
    }));
    const report = trivyReport({
      createdAt: '2026-12-04T09:00:00Z',
      artifact: 'big',
      vulnerabilities,
    });
    // The finding is named by the line its object opens on, the one before its id.
    const line = report.split('\n').findIndex((text) => text.includes('"CVE-2026-32400"'));
    const response = await importReport(`format=trivy&asset=${asset}`, report);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toContain(
      `line ${line}: Results[0].Vulnerabilities[2400].Severity: "SEVERE" is not a severity`,
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses a finding holding a NUL character, naming its line and field', async () => {
    const asset = await createAsset();
    const before = await stored();
    const report = trivyReport({
      createdAt: '2026-12-04T09:00:00Z',
      artifact: 'nul',
      vulnerabilities: [
        { id: 'CVE-2026-31000', pkg: 'zlib', version: '1.2.13', severity: 'LOW' },
        { id: 'CVE-2026-31001', pkg: 'bad\u0000pkg', version: '1.0', severity: 'LOW' },
      ],
    });
    const response = await importReport(`format=trivy&asset=${asset}`, report);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(
      /line \d+: packageName: must not contain a NUL character/,
    );
    expect(await stored()).toEqual(before);
  });

  it('lets engineers import, auditors read, and nobody else in', async () => {
    const asset = await createAsset();
    const body = trivyReport({
      createdAt: '2026-12-02T00:00:00Z',
      artifact: 'shop',
      vulnerabilities: [],
    });
    expect((await importReport(`format=trivy&asset=${asset}`, body, viewer)).statusCode).toBe(403);
    expect((await importReport(`format=trivy&asset=${asset}`, body, auditor)).statusCode).toBe(403);
    expect((await t.call(viewer, 'GET', '/api/v1/findings')).statusCode).toBe(403);
    expect((await t.call(auditor, 'GET', '/api/v1/findings')).statusCode).toBe(200);
  });

  it('lists findings a page at a time, filtered by severity, status and overdue', async () => {
    const asset = await createAsset();
    const vulnerabilities = Array.from({ length: 5 }, (_, i) => ({
      id: `CVE-2026-80${i}`,
      pkg: `lib${i}`,
      version: '1.0',
      severity: i < 2 ? 'CRITICAL' : 'LOW',
    }));
    await importReport(
      `format=trivy&asset=${asset}`,
      trivyReport({ createdAt: '2026-12-01T00:00:00Z', artifact: 'shop', vulnerabilities }),
    );
    const first = (await t.call(auditor, 'GET', `/api/v1/findings?asset=${asset}&limit=3`)).json<{
      items: FindingView[];
      nextCursor: string | null;
    }>();
    const second = (
      await t.call(
        auditor,
        'GET',
        `/api/v1/findings?asset=${asset}&limit=3&cursor=${first.nextCursor}`,
      )
    ).json<{ items: FindingView[]; nextCursor: string | null }>();
    expect(first.items).toHaveLength(3);
    expect(second).toMatchObject({ nextCursor: null });
    expect(new Set([...first.items, ...second.items].map((f) => f.id)).size).toBe(5);
    expect((await findingsOf(asset, '&overdue=true')).map((f) => f.severity)).toEqual([
      'critical',
      'critical',
    ]);
    expect(await findingsOf(asset, '&overdue=false&severity=critical')).toEqual([]);
    expect((await t.call(auditor, 'GET', '/api/v1/findings?severity=severe')).statusCode).toBe(400);
  });

  describe('risk acceptance', () => {
    let requester: Person;
    let security: Person;
    let otherSecurity: Person;

    beforeAll(async () => {
      requester = await signedInPerson(t, 'engineering');
      security = await signedInPerson(t, 'security');
      otherSecurity = await signedInPerson(t, 'security');
    });

    async function overdueFinding(): Promise<FindingView> {
      const asset = await createAsset();
      await importReport(
        `format=trivy&asset=${asset}`,
        trivyReport({
          createdAt: '2026-11-20T00:00:00Z',
          artifact: 'shop',
          vulnerabilities: [
            { id: 'CVE-2026-9001', pkg: 'openssl', version: '3.0.1', severity: 'HIGH' },
          ],
        }),
      );
      const [finding] = await findingsOf(asset);
      return finding!;
    }

    it('accepts an overdue finding until the exception expires, on a second person’s signature', async () => {
      const finding = await overdueFinding();
      const requested = await requester.call('POST', `/api/v1/findings/${finding.id}/exceptions`, {
        reason: 'Compensating WAF rule until the vendor ships 3.0.2',
        expiresAt: '2026-12-20T00:00:00Z',
      });
      expect(requested.statusCode, requested.body).toBe(201);
      const [exception] = requested.json<FindingDetail>().exceptions;
      expect(exception).toMatchObject({
        status: 'requested',
        abilities: { approve: { allowed: false } },
      });
      expect(requested.json<FindingDetail>().status).toBe('open');
      const url = `/api/v1/findings/${finding.id}/exceptions/${exception!.id}/approve`;
      // Not by the requester (an engineer holds work:verify), not by a wrong password.
      const own = await requester.call('POST', url, { password: TEST_PASSWORD });
      expect(own.statusCode).toBe(409);
      expect((await security.call('POST', url, { password: 'wrong' })).statusCode).toBe(401);
      const approved = await security.call('POST', url, {
        password: TEST_PASSWORD,
        note: 'Reviewed the WAF rule',
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json<FindingDetail>()).toMatchObject({
        status: 'accepted',
        overdue: false,
        acceptedUntil: '2026-12-20T00:00:00.000Z',
        exceptions: [{ status: 'approved', approvedBy: security.signerLabel }],
      });
      expect((await otherSecurity.call('POST', url, { password: TEST_PASSWORD })).statusCode).toBe(
        409,
      );
      expect((await findingsOf(finding.assetKey, '&status=accepted')).map((f) => f.id)).toEqual([
        finding.id,
      ]);
      // The exception expires: the finding is open again against its original deadline.
      clock.set('2026-12-21T00:00:00Z');
      try {
        const reopened = (
          await t.call(auditor, 'GET', `/api/v1/findings/${finding.id}`)
        ).json<FindingDetail>();
        expect(reopened).toMatchObject({
          status: 'open',
          overdue: true,
          slaDueAt: finding.slaDueAt,
          exceptions: [{ expired: true }],
        });
        expect((await findingsOf(finding.assetKey, '&overdue=true')).map((f) => f.id)).toEqual([
          finding.id,
        ]);
      } finally {
        clock.set('2026-12-05T10:00:00Z');
      }
    });

    it('refuses an exception without a reason, expired already, or for a fixed finding', async () => {
      const finding = await overdueFinding();
      const url = `/api/v1/findings/${finding.id}/exceptions`;
      expect(
        (await requester.call('POST', url, { reason: '', expiresAt: '2026-12-20T00:00:00Z' }))
          .statusCode,
      ).toBe(400);
      const past = await requester.call('POST', url, {
        reason: 'later',
        expiresAt: '2026-12-01T00:00:00Z',
      });
      expect(past.statusCode).toBe(400);
      expect(past.body).toContain('body.expiresAt');
      await importReport(
        `format=trivy&asset=${finding.assetKey}`,
        trivyReport({ createdAt: '2026-12-04T00:00:00Z', artifact: 'shop', vulnerabilities: [] }),
      );
      expect(
        (await requester.call('POST', url, { reason: 'later', expiresAt: '2026-12-20T00:00:00Z' }))
          .statusCode,
      ).toBe(409);
    });
  });
});
