import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Walkthrough,
  WalkthroughDependency,
} from '../../src/modules/walkthrough/walkthrough.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PROCESS, seedWalkthroughPeriod } from './walkthrough.fixtures.js';

describe('process walkthrough', () => {
  const clock = new FixedClock('2026-02-20T08:00:00Z');
  const url = `/api/v1/processes/${PROCESS.key}/walkthrough?from=2026-03-01&to=2026-03-31`;
  let t: TestApp;
  let auditor: string;
  let walkthrough: Walkthrough;
  let admin: string;
  let seeded: Awaited<ReturnType<typeof seedWalkthroughPeriod>>;

  const dependency = (key: string): WalkthroughDependency =>
    walkthrough.dependencies.find((item) => item.asset.key === key)!;
  const gapsOf = (key: string) =>
    dependency(key).gaps.map(({ kind, reference }) => ({ kind, reference }));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    auditor = await t.tokenFor('auditor');
    seeded = await seedWalkthroughPeriod(t, clock, admin);
    const response = await t.call(auditor, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    walkthrough = response.json<Walkthrough>();
  }, 60_000);
  afterAll(() => t.close());

  it('lists every dependency of the matrix with its conformity impact and system of record', () => {
    expect(walkthrough).toMatchObject({
      process: { key: PROCESS.key, name: PROCESS.name },
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'Europe/Berlin',
      periodStart: '2026-02-28T23:00:00.000Z',
      periodEnd: '2026-03-31T22:00:00.000Z',
      asOf: '2026-03-31T22:00:00.000Z',
    });
    expect(walkthrough.dependencies.map((item) => item.asset.key).sort()).toEqual([
      'ctl-pc',
      'lab-net',
      'lab-pc',
      'lab-room',
      'lims',
    ]);
    expect(dependency('lims')).toMatchObject({
      conformityImpact: 'Packing stops without LIMS',
      controlMethod: 'Patching within 72 hours',
      systemOfRecord: 'Plumbline work orders',
      asset: { thirdPartyManaged: true },
      supplier: {
        key: 'labsoft',
        certifications: [{ name: 'ISO 27001', expiresOn: '2026-03-15', validAtPeriodEnd: false }],
      },
      backups: null,
    });
  });

  it('finds no gap for the fully evidenced asset and shows who did and verified the work', () => {
    const ctlPc = dependency('ctl-pc');
    expect(ctlPc.gaps).toEqual([]);
    expect(ctlPc.maintenance).toHaveLength(1);
    expect(ctlPc.maintenance[0]).toMatchObject({
      controlKey: 'critical-patch-72h',
      status: 'verified',
      performer: 'engineer@example.test',
      verifier: 'quality@example.test',
      evidenceCount: 0,
      exceptions: [],
      changeControl: false,
    });
  });

  it('lists only the records of the period', () => {
    const ctlPc = dependency('ctl-pc');
    // The February and April patches are due outside March.
    expect(ctlPc.maintenance.map((row) => row.dueAt)).toEqual(['2026-03-08T09:00:00.000Z']);
    // Created and linked in February, changed in March and again in April.
    expect(ctlPc.changes.map(({ at, action }) => ({ at, action }))).toEqual([
      { at: '2026-03-05T11:00:00.000Z', action: 'asset.updated' },
    ]);
    expect(dependency('lims').nonconformances).toMatchObject([
      { number: 'NC-0001', sourceType: 'occurrence', status: 'open', openAtPeriodEnd: true },
    ]);
    expect(dependency('lab-pc').nonconformances).toEqual([]);
  });

  it('flags each planted gap exactly, with its asset and reference', async () => {
    const ref = async (id: string) =>
      `critical-patch-72h/${
        (await t.call(admin, 'GET', `/api/v1/occurrences/${id}`)).json<{ periodKey: string }>()
          .periodKey
      }`;
    expect(gapsOf('lab-pc')).toEqual([
      { kind: 'unverified_closeout', reference: await ref(seeded.labPc) },
    ]);
    expect(gapsOf('lab-net')).toEqual([
      { kind: 'no_evidence', reference: 'lab-net' },
      { kind: 'overdue_occurrence', reference: await ref(seeded.labNet) },
    ]);
    expect(gapsOf('lab-room')).toEqual([{ kind: 'no_evidence', reference: 'lab-room' }]);
    expect(gapsOf('lims')).toEqual([
      { kind: 'missed_occurrence', reference: await ref(seeded.limsMissed) },
      { kind: 'third_party_without_service_evidence', reference: 'labsoft' },
      { kind: 'open_nonconformance', reference: 'NC-0001' },
    ]);
    expect(walkthrough.gaps).toHaveLength(7);
    expect(walkthrough.gaps.every((gap) => gap.message.length > 20)).toBe(true);
    expect(dependency('lims').gaps[1]!.message).toContain('ISO 27001 expired 2026-03-15');
  });

  it('judges statuses at the end of the period, not now', () => {
    // lab-net's patch was overdue on 31 March; by 5 April it is still open but not yet missed.
    expect(dependency('lab-net').maintenance[0]).toMatchObject({ status: 'overdue' });
  });

  it('answers a printable, escaped HTML page naming the gaps', async () => {
    const response = await t.call(auditor, 'GET', `${url}&format=html`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="walkthrough-${PROCESS.key}-2026-03-01-2026-03-31.html"`,
    );
    const html = response.body;
    expect(html).not.toContain('<script');
    expect(html).toContain('Packs &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; devices');
    expect(html).toContain('Sterile packing &amp; release');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const label of [
      'Unverified closeout',
      'Overdue',
      'Missed',
      'No evidence',
      'Third party without service evidence',
      'Open nonconformance',
    ]) {
      expect(html).toContain(`<span class="gap">${label}</span>`);
    }
    expect(html).toContain('NC-0001');
  });

  it('refuses malformed periods with field messages and unknown processes with 404', async () => {
    const bad = await t.call(
      auditor,
      'GET',
      `/api/v1/processes/${PROCESS.key}/walkthrough?from=2026-13-01&to=2026-03-31`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    const reversed = await t.call(
      auditor,
      'GET',
      `/api/v1/processes/${PROCESS.key}/walkthrough?from=2026-03-31&to=2026-03-01`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('must not be before from');
    const missing = await t.call(auditor, 'GET', `/api/v1/processes/${PROCESS.key}/walkthrough`);
    expect(missing.statusCode).toBe(400);
    const unknown = await t.call(
      auditor,
      'GET',
      '/api/v1/processes/no-such-process/walkthrough?from=2026-03-01&to=2026-03-31',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('lists the incidents affecting a dependency and flags a conformity decision not made in time', async () => {
    // In April, outside the March walkthrough the other tests read.
    const before = clock.now().toISOString();
    clock.set('2026-04-02T09:00:00Z');
    const engineer = await t.tokenFor('engineering');
    const opened = await t.call(engineer, 'POST', '/api/v1/incidents', {
      title: 'Clean room sensor offline',
      severity: 'major',
      assets: ['lab-room'],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    clock.set('2026-04-05T08:00:00Z');
    const april = await t.call(
      auditor,
      'GET',
      `/api/v1/processes/${PROCESS.key}/walkthrough?from=2026-04-01&to=2026-04-30`,
    );
    clock.set(before);
    expect(april.statusCode, april.body).toBe(200);
    const room = april
      .json<Walkthrough>()
      .dependencies.find((item) => item.asset.key === 'lab-room')!;
    expect(room.incidents.map(({ number: _number, ...rest }) => rest)).toEqual([
      {
        title: 'Clean room sensor offline',
        severity: 'major',
        detectedAt: '2026-04-02T09:00:00.000Z',
        statusAtEnd: 'open',
        decision: null,
        decisionOnTime: false,
        nonconformance: null,
      },
    ]);
    expect(room.incidents[0]!.number).toMatch(/^INC-\d{4}$/);
    expect(room.gaps.map((gap) => gap.kind)).toContain('undecided_incident');
    const others = april
      .json<Walkthrough>()
      .dependencies.filter((item) => item.asset.key !== 'lab-room');
    expect(others.every((item) => item.incidents.length === 0)).toBe(true);
    expect(dependency('lab-room').incidents).toEqual([]);
  });

  it('is a report: viewers may not read it', async () => {
    const viewer = await t.tokenFor('viewer');
    expect((await t.call(viewer, 'GET', url)).statusCode).toBe(403);
  });
});
