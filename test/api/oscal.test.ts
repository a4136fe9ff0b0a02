import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oscalControlId } from '../../src/modules/oscal/oscal-identifiers.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectValid, oscalValidator, seedOscalPeriod } from './oscal.fixtures.js';
import { seedQualityRecords } from './packs.fixtures.js';

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
