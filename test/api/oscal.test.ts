import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeEndpoints } from '../../src/modules/certificates/probe-endpoints.js';
import { demoCertificatePem } from '../../src/modules/demo/demo-certificate.js';
import { oscalControlId } from '../../src/modules/oscal/oscal-identifiers.js';
import { FixedClock } from '../../src/platform/clock.js';
import type {
  FindingDetail,
  FindingView,
} from '../../src/modules/vulnerabilities/vulnerability.schema.js';
import { certFixture } from '../fixtures/certs/fixtures.js';
import { trivyReport } from '../fixtures/scans/fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { expectValid, oscalValidator, seedOscalPeriod } from './oscal.fixtures.js';
import { seedQualityRecords } from './packs.fixtures.js';
import { signedInPerson } from '../support/factory.js';

interface Prop {
  name: string;
  value: string;
  ns?: string;
}
interface Observation {
  uuid: string;
  title: string;
  methods: string[];
  collected: string;
  props: Prop[];
  subjects?: { 'subject-uuid': string; type: string }[];
}
interface Finding {
  uuid: string;
  title: string;
  target: { type: string; 'target-id': string; status: { state: string } };
  'related-observations'?: { 'observation-uuid': string }[];
  props: Prop[];
}
interface Result {
  start: string;
  end: string;
  'reviewed-controls': {
    'control-selections': { 'include-controls': { 'control-id': string }[] }[];
  };
  observations: Observation[];
  findings: Finding[];
}

const prop = (props: Prop[] | undefined, name: string) =>
  props?.find((candidate) => candidate.name === name)?.value;

describe('OSCAL exports', () => {
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  let t: TestApp;
  let admin: string;
  let auditor: string;
  const period = 'framework=sop-018&from=2026-03-01&to=2026-03-31';

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ({ admin } = await seedOscalPeriod(t, clock));
    // An incident decided with impact on 10 March: its nonconformance, answered by a CAPA, is open
    // at the end of March.
    await seedQualityRecords(t, clock);
    auditor = await t.tokenFor('auditor');
  });
  afterAll(() => t.close());

  const exportOf = async (query: string, token = auditor) => {
    const response = await t.call(token, 'GET', `/api/v1/reports/oscal?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  describe('assessment-results for a period', () => {
    let document: {
      'assessment-results': { results: Result[]; metadata: Record<string, unknown> };
    };
    let result: Result;

    beforeAll(async () => {
      const response = await exportOf(period);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="oscal-assessment-results-sop-018-2026-03-01-2026-03-31.json"',
      );
      document = response.json();
      result = document['assessment-results'].results[0]!;
    });

    it('validates against the NIST assessment-results schema', () => {
      expectValid(oscalValidator('assessment-results'), document);
      expect(document['assessment-results'].metadata['oscal-version']).toBe('1.0.6');
      expect(document['assessment-results'].results).toHaveLength(1);
      // The period's days in the organisation's time zone (Europe/Berlin in tests).
      expect(result).toMatchObject({
        start: '2026-02-28T23:00:00.000Z',
        end: '2026-03-31T22:00:00.000Z',
      });
    });

    it('reviews every requirement of the framework', async () => {
      const framework = (await t.call(admin, 'GET', '/api/v1/frameworks/sop-018')).json<{
        requirements: { key: string; retiredAt: string | null }[];
      }>();
      const reviewed = result['reviewed-controls']['control-selections'][0]!['include-controls'];
      expect(reviewed.map((control) => control['control-id'])).toEqual(
        framework.requirements
          .filter((requirement) => requirement.retiredAt === null)
          .map((requirement) => oscalControlId(requirement.key)),
      );
      expect(reviewed).toContainEqual({ 'control-id': 'sop-018_5.3-os-patching' });
    });

    it('has an observation per occurrence in the effectiveness report', async () => {
      const report = (
        await t.call(auditor, 'GET', `/api/v1/reports/effectiveness?${period}`)
      ).json<{
        rows: { controlKey: string; periodKey: string; assetKey: string }[];
      }>();
      const occurrences = result.observations.filter((o) => prop(o.props, 'control-key'));
      expect(occurrences).toHaveLength(report.rows.length);
      const verified = occurrences.find((o) => o.title === 'os-patching-monthly 2026-03 on web-1')!;
      expect(prop(verified.props, 'occurrence-status')).toBe('verified');
      expect(verified).toMatchObject({
        methods: ['EXAMINE'],
        collected: '2026-03-21T10:00:00.000Z',
      });
      expect(verified.subjects).toHaveLength(1);
      expect(verified.subjects![0]!.type).toBe('component');
    });

    it('has observations of the restore test and of the backup runs, per asset', () => {
      const restore = result.observations.find((o) => o.title === 'Restore test RT-0001 of db-1')!;
      expect(restore).toMatchObject({ methods: ['TEST'], collected: '2026-03-12T07:00:00.000Z' });
      const backups = result.observations.find((o) => o.title === 'Backup runs of db-1')!;
      expect(prop(backups.props, 'backup-runs')).toBe('2');
      expect(prop(backups.props, 'backup-runs-failed')).toBe('1');
      expect(restore.subjects).toEqual(backups.subjects);
    });

    it('has a finding for the missed occurrence, the unverified closeout and the open nonconformances', () => {
      const missed = result.findings.find(
        (f) => f.title.startsWith('critical-patch-72h') && f.title.includes('web-2'),
      )!;
      expect(missed.title).toContain('missed');
      expect(missed.target).toMatchObject({
        type: 'objective-id',
        status: { state: 'not-satisfied' },
      });
      const observation = result.observations.find(
        (o) => o.uuid === missed['related-observations']![0]!['observation-uuid'],
      )!;
      expect(prop(observation.props, 'occurrence-status')).toBe('missed');
      expect(
        result.findings.some((f) => f.title === 'os-patching-monthly 2026-03 on web-2: unverified'),
      ).toBe(true);
      const nonconformances = result.findings.filter((f) => prop(f.props, 'nonconformance'));
      expect(
        nonconformances.some(
          (f) =>
            prop(f.props, 'source-type') === 'occurrence' &&
            f.title.includes('Critical patches applied within 72 hours on web-2'),
        ),
      ).toBe(true);
      // The restore test missed its target: its deficiency is open too.
      expect(nonconformances.some((f) => prop(f.props, 'source-type') === 'restore-test')).toBe(
        true,
      );
      expect(nonconformances.every((f) => f.target.status.state === 'not-satisfied')).toBe(true);
    });

    it("carries an incident's open nonconformance, with its CAPA, against the incident control's requirement", () => {
      const fromIncident = result.findings.filter(
        (f) => prop(f.props, 'source-type') === 'incident',
      );
      expect(fromIncident.length).toBeGreaterThan(0);
      expect(fromIncident.map((f) => f.target['target-id'])).toContain(
        oscalControlId('sop-018:5.6.4'),
      );
      for (const finding of fromIncident) {
        expect(finding.title).toContain('Portal served stale prices');
        expect(prop(finding.props, 'capas')).toBe('CAPA-0001');
        expect(finding.target.status.state).toBe('not-satisfied');
      }
    });

    it('states the objective status of every reviewed requirement', () => {
      const statuses = new Map(
        result.findings
          .filter((f) => f.uuid && prop(f.props, 'coverage'))
          .map((f) => [f.target['target-id'], f.target.status.state]),
      );
      const reviewed = result['reviewed-controls']['control-selections'][0]!['include-controls'];
      expect([...statuses.keys()].sort()).toEqual(reviewed.map((c) => c['control-id']).sort());
      expect(statuses.get('sop-018_5.3-os-patching')).toBe('not-satisfied');
    });

    it('gives the same document when exported again, apart from metadata timestamps', async () => {
      clock.advance(3_600_000);
      const again = (await exportOf(period)).json<typeof document>();
      const withoutTimestamps = (doc: typeof document) => ({
        ...doc['assessment-results'],
        metadata: { ...doc['assessment-results'].metadata, 'last-modified': null },
      });
      expect(again['assessment-results'].metadata['last-modified']).not.toBe(
        document['assessment-results'].metadata['last-modified'],
      );
      expect(withoutTimestamps(again)).toEqual(withoutTimestamps(document));
    });
  });

  it('exports a component-definition with one component per asset in service', async () => {
    const response = await exportOf('framework=sop-018&model=component-definition');
    const document = response.json<{
      'component-definition': {
        components: {
          title: string;
          type: string;
          props: Prop[];
          'control-implementations'?: { 'implemented-requirements': { 'control-id': string }[] }[];
        }[];
      };
    }>();
    expectValid(oscalValidator('component-definition'), document);
    const components = document['component-definition'].components;
    expect(components.map((c) => prop(c.props, 'asset-id')).sort()).toEqual([
      'db-1',
      'web-1',
      'web-2',
    ]);
    const web1 = components.find((c) => prop(c.props, 'asset-id') === 'web-1')!;
    expect(web1.type).toBe('hardware');
    expect(prop(web1.props, 'function')).toBe('Customer portal web server');
    expect(prop(web1.props, 'baseline-configuration-name')).toBe('ansible/roles/web@v12');
    expect(prop(web1.props, 'criticality')).toBe('high');
    expect(prop(web1.props, 'environment')).toBe('production');
    expect(prop(web1.props, 'region')).toBe('eu-central');
    const implemented = web1['control-implementations']![0]!['implemented-requirements'];
    expect(implemented.map((r) => r['control-id'])).toContain('sop-018_5.3-os-patching');
    const db1 = components.find((c) => prop(c.props, 'asset-id') === 'db-1')!;
    expect(db1.type).toBe('software');
    expect(prop(db1.props, 'asset-type')).toBe('database');
  });

  it('exports an SSP-style inventory that validates against the complete schema', async () => {
    const response = await exportOf('framework=sop-018&model=inventory');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="oscal-inventory-sop-018.json"',
    );
    const document = response.json<{
      'system-security-plan': {
        'system-implementation': {
          components: { uuid: string; type: string }[];
          'inventory-items': {
            props: Prop[];
            'implemented-components': { 'component-uuid': string }[];
          }[];
        };
      };
    }>();
    expectValid(oscalValidator('complete'), document);
    const implementation = document['system-security-plan']['system-implementation'];
    const items = implementation['inventory-items'];
    expect(items.map((item) => prop(item.props, 'asset-id')).sort()).toEqual([
      'db-1',
      'web-1',
      'web-2',
    ]);
    const web1 = items.find((item) => prop(item.props, 'asset-id') === 'web-1')!;
    expect(prop(web1.props, 'asset-type')).toBe('server');
    expect(prop(web1.props, 'public')).toBe('yes');
    expect(prop(web1.props, 'baseline-configuration-name')).toBe('ansible/roles/web@v12');
    const componentIds = new Set(implementation.components.map((c) => c.uuid));
    expect(
      items.every((item) => componentIds.has(item['implemented-components'][0]!['component-uuid'])),
    ).toBe(true);
    expect(implementation.components.filter((c) => c.type === 'this-system')).toHaveLength(1);
  });

  it('answers a bad query with 400 and a message per field', async () => {
    const response = await t.call(
      auditor,
      'GET',
      '/api/v1/reports/oscal?framework=sop-018&model=poam&to=2026-13-01',
    );
    expect(response.statusCode).toBe(400);
    const paths = response
      .json<{ error: { issues: { path: string }[] } }>()
      .error.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.model', 'querystring.to']));
    const noPeriod = await t.call(auditor, 'GET', '/api/v1/reports/oscal?framework=sop-018');
    expect(noPeriod.statusCode).toBe(400);
    expect(
      noPeriod.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path),
    ).toEqual(['querystring.from', 'querystring.to']);
    const unknown = await t.call(
      auditor,
      'GET',
      '/api/v1/reports/oscal?framework=nope&model=inventory',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('is refused to a role without reports:read', async () => {
    const viewer = await t.tokenFor('viewer');
    const response = await t.call(viewer, 'GET', `/api/v1/reports/oscal?${period}`);
    expect(response.statusCode).toBe(403);
  });
});

describe('OSCAL assessment results: vulnerability findings', () => {
  const clock = new FixedClock('2026-12-01T10:00:00Z');
  let t: TestApp;
  let result: Result & {
    risks: { title: string; statement: string; status: string; deadline: string; props: Prop[] }[];
  };
  let document: unknown;
  let approverLabel: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    const admin = await t.tokenFor('admin');
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'shop-api',
      name: 'Shop API',
      category: 'application',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(created.statusCode, created.body).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scans/import?format=trivy&asset=shop-api',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: trivyReport({
        createdAt: '2026-12-01T09:00:00Z',
        artifact: 'shop',
        vulnerabilities: [
          { id: 'CVE-2026-7001', pkg: 'openssl', version: '3.0.1', severity: 'CRITICAL' },
          { id: 'CVE-2026-7002', pkg: 'zlib', version: '1.2.13', severity: 'HIGH' },
          { id: 'CVE-2026-7003', pkg: 'curl', version: '8.0.0', severity: 'MEDIUM' },
        ],
      }),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const findings = (await t.call(admin, 'GET', '/api/v1/findings?asset=shop-api')).json<{
      items: FindingView[];
    }>().items;
    const medium = findings.find((finding) => finding.vulnerabilityId === 'CVE-2026-7003')!;
    const requester = await signedInPerson(t, 'engineering');
    const approver = await signedInPerson(t, 'security');
    approverLabel = approver.signerLabel;
    const requested = await requester.call('POST', `/api/v1/findings/${medium.id}/exceptions`, {
      reason: 'curl is not reachable from outside the pod',
      expiresAt: '2027-01-31T00:00:00Z',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const exception = requested.json<FindingDetail>().exceptions[0]!;
    const approved = await approver.call(
      'POST',
      `/api/v1/findings/${medium.id}/exceptions/${exception.id}/approve`,
      { password: TEST_PASSWORD },
    );
    expect(approved.statusCode, approved.body).toBe(200);

    // Read on 10 December: the critical finding (due 4 December) is overdue, the high one is not.
    clock.set('2026-12-10T10:00:00Z');
    const auditor = await t.tokenFor('auditor');
    const response = await t.call(
      auditor,
      'GET',
      '/api/v1/reports/oscal?framework=soc2&from=2026-12-01&to=2026-12-31',
    );
    expect(response.statusCode, response.body).toBe(200);
    document = response.json();
    result = response.json<{ 'assessment-results': { results: (typeof result)[] } }>()[
      'assessment-results'
    ].results[0]!;
  });
  afterAll(() => t.close());

  it('validates against the NIST assessment-results schema', () => {
    expectValid(oscalValidator('assessment-results'), document);
  });

  it('counts an asset’s findings of the period in one observation', () => {
    const observation = result.observations.find(
      (o) => o.title === 'Vulnerability findings of shop-api',
    )!;
    expect(prop(observation.props, 'vulnerability-findings')).toBe('3');
    expect(prop(observation.props, 'vulnerability-findings-critical')).toBe('1');
    expect(prop(observation.props, 'vulnerability-findings-open-at-end')).toBe('2');
    expect(prop(observation.props, 'vulnerability-findings-overdue-at-end')).toBe('1');
    expect(prop(observation.props, 'vulnerability-findings-accepted-at-end')).toBe('1');
    expect(observation.subjects).toHaveLength(1);
  });

  it('makes the overdue finding an OSCAL finding against the requirement its SLA control maps', () => {
    const overdue = result.findings.filter((f) => prop(f.props, 'asset-key') === 'shop-api');
    expect(overdue.map((f) => f.target['target-id'])).toContain(oscalControlId('soc2:CC7.1'));
    const finding = overdue.find((f) => f.target['target-id'] === oscalControlId('soc2:CC7.1'))!;
    expect(finding.target.status.state).toBe('not-satisfied');
    expect(finding['related-observations']).toHaveLength(1);
    const observation = result.observations.find(
      (o) => o.uuid === finding['related-observations']![0]!['observation-uuid'],
    )!;
    expect(prop(observation.props, 'vulnerability-id')).toBe('CVE-2026-7001');
    expect(prop(observation.props, 'sla-due')).toBe('2026-12-04T09:00:00.000Z');
    expect(prop(observation.props, 'overdue-at-end')).toBe('true');
    expect(
      result.observations.some((o) => prop(o.props, 'vulnerability-id') === 'CVE-2026-7002'),
    ).toBe(false);
  });

  it('lists the accepted risk as an approved deviation with its reason, signer and deadline', () => {
    expect(result.risks).toHaveLength(1);
    const risk = result.risks[0]!;
    expect(risk).toMatchObject({
      title: 'Accepted risk: CVE-2026-7003 in curl on shop-api',
      status: 'deviation-approved',
      deadline: '2027-01-31T00:00:00.000Z',
    });
    expect(risk.statement).toContain('curl is not reachable from outside the pod');
    expect(risk.statement).toContain(approverLabel);
    expect(prop(risk.props, 'signature')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OSCAL assessment results: certificates and TLS', () => {
  const clock = new FixedClock('2026-12-10T10:00:00Z');
  let t: TestApp;
  let result: Result & {
    'local-definitions': {
      components: { uuid: string; title: string }[];
      'inventory-items': {
        uuid: string;
        description: string;
        props: Prop[];
        'implemented-components'?: { 'component-uuid': string }[];
      }[];
    };
  };
  let document: unknown;

  /** The DER of a PEM fixture's first certificate, as a probe receives it. */
  const derOf = (name: string) =>
    Buffer.from(
      /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(certFixture(name))![1]!,
      'base64',
    );

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const admin = await t.tokenFor('admin');
    for (const [key, category] of [
      ['lb-prod', 'network'],
      ['web-prod', 'server'],
    ] as const) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: key,
        category,
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const importPem = async (pem: string, asset?: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/certificates/import${asset ? `?asset=${asset}` : ''}`,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-pem-file' },
        payload: pem,
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    // Expires 26 December: in its renewal window on 10 December.
    await importPem(certFixture('expiring-chain.pem'), 'lb-prod');
    // Expired on 5 December, never renewed.
    await importPem(
      demoCertificatePem({
        subject: 'legacy.example.test',
        issuer: 'Plumbline Test CA',
        dnsNames: ['legacy.example.test'],
        serial: 77,
        notBefore: new Date('2026-01-01T00:00:00Z'),
        notAfter: new Date('2026-12-05T00:00:00Z'),
      }),
      'web-prod',
    );
    // Valid until the end of 2027 (and the expired old.example.test, out of the period).
    await importPem(certFixture('valid.pem'));
    await importPem(certFixture('expired.pem'));
    // web-prod's endpoint still completes a TLS 1.0 handshake, presenting www.example.test.
    const endpoint = await t.call(admin, 'POST', '/api/v1/tls-endpoints', {
      host: 'www.example.test',
      port: 443,
      asset: 'web-prod',
    });
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    const [probed] = await probeEndpoints(t.ctx, () =>
      Promise.resolve({
        outcome: 'legacy_protocol_accepted',
        protocol: 'TLSv1',
        cipher: 'ECDHE-RSA-AES128-SHA',
        chain: [derOf('valid.pem')],
        detail: 'TLSv1.3 negotiated; the server also completes a TLSv1 handshake',
      }),
    );
    expect(probed).toMatchObject({ outcome: 'legacy_protocol_accepted', finding: true });

    const auditor = await t.tokenFor('auditor');
    const response = await t.call(
      auditor,
      'GET',
      '/api/v1/reports/oscal?framework=sop-018&from=2026-12-01&to=2026-12-31',
    );
    expect(response.statusCode, response.body).toBe(200);
    document = response.json();
    result = response.json<{ 'assessment-results': { results: (typeof result)[] } }>()[
      'assessment-results'
    ].results[0]!;
  });
  afterAll(() => t.close());

  const item = (subject: string) =>
    result['local-definitions']['inventory-items'].find(
      (candidate) => prop(candidate.props, 'certificate-subject') === subject,
    )!;
  const observationOf = (itemUuid: string) =>
    result.observations.filter((o) => o.subjects?.some((s) => s['subject-uuid'] === itemUuid));

  it('validates against the NIST assessment-results schema', () => {
    expectValid(oscalValidator('assessment-results'), document);
  });

  it('lists the certificates valid in the period as inventory items on the assets they serve', () => {
    const subjects = result['local-definitions']['inventory-items']
      .map((candidate) => prop(candidate.props, 'certificate-subject'))
      .sort();
    expect(subjects).toEqual([
      'CN=legacy.example.test',
      'O=Plumbline Fixtures, CN=api.example.test',
      'O=Plumbline Fixtures, CN=www.example.test',
    ]);
    const legacy = item('CN=legacy.example.test');
    expect(prop(legacy.props, 'certificate-not-after')).toBe('2026-12-05T00:00:00.000Z');
    expect(prop(legacy.props, 'certificate-state-at-end')).toBe('expired');
    const components = result['local-definitions'].components;
    expect(
      legacy['implemented-components']!.map(
        (c) => components.find((component) => component.uuid === c['component-uuid'])?.title,
      ),
    ).toEqual([expect.stringContaining('web-prod')]);
    expect(prop(item('O=Plumbline Fixtures, CN=api.example.test').props, 'asset-key')).toBe(
      'lb-prod',
    );
  });

  it('observes the expired and the expiring certificate, not the valid one', () => {
    const [expired] = observationOf(item('CN=legacy.example.test').uuid);
    expect(expired).toMatchObject({
      title: 'Certificate legacy.example.test on web-prod: expired',
    });
    const [expiring] = observationOf(item('O=Plumbline Fixtures, CN=api.example.test').uuid);
    expect(expiring!.title).toBe('Certificate api.example.test on lb-prod: expiring');
    expect(prop(expiring!.props, 'certificate-state-at-end')).toBe('expiring');
    // www.example.test is the subject of the TLS observation only.
    expect(
      observationOf(item('O=Plumbline Fixtures, CN=www.example.test').uuid).map((o) => o.title),
    ).toEqual(['TLS below 1.2 on www.example.test:443']);
  });

  it('makes the expired certificate a finding against the renewal requirement', () => {
    const finding = result.findings.find(
      (f) =>
        f.target['target-id'] === oscalControlId('sop-018:5.3-certificate-renewal') &&
        f.title.includes('expired without renewal'),
    )!;
    expect(finding.target.status.state).toBe('not-satisfied');
    expect(finding['related-observations']).toEqual([
      { 'observation-uuid': observationOf(item('CN=legacy.example.test').uuid)[0]!.uuid },
    ]);
  });

  it('makes the endpoint below TLS 1.2 an observation and a finding against encryption in transit', () => {
    const observation = result.observations.find(
      (o) => o.title === 'TLS below 1.2 on www.example.test:443',
    )!;
    expect(prop(observation.props, 'tls-probe-outcome')).toBe('legacy_protocol_accepted');
    expect(prop(observation.props, 'tls-protocol')).toBe('TLSv1');
    expect(prop(observation.props, 'asset-key')).toBe('web-prod');
    const finding = result.findings.find(
      (f) =>
        f.target['target-id'] === oscalControlId('sop-018:5.4-encryption-in-transit') &&
        f.title.includes('TLS below 1.2'),
    )!;
    expect(finding.target.status.state).toBe('not-satisfied');
    expect(finding['related-observations']).toEqual([{ 'observation-uuid': observation.uuid }]);
  });
});
