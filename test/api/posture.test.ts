import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { OccurrenceEventKind } from '../../src/modules/occurrences/occurrence-status.js';
import type {
  AssetPosture,
  EffectivenessReport,
  Posture,
} from '../../src/modules/posture/posture.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { recordOccurrenceEvent } from '../support/occurrence-events.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A small catalogue with one control per posture case, all monthly from January 2026. */
const monthly = (key: string, requirement: string, extra: Record<string, unknown> = {}) => ({
  key,
  title: `Control ${key}`,
  theme: 'posture-test',
  objective: `Exercise the ${key} case.`,
  ownerRole: 'engineering',
  cadence: { frequency: 'monthly', startsOn: '2026-01-01' },
  evaluation: { mode: 'manual' },
  evidenceExpected: [{ kind: 'record', description: 'A record.' }],
  requirements: [requirement],
  ...extra,
});

const CATALOG = {
  frameworks: [
    {
      key: 'acme',
      title: 'Acme policy',
      kind: 'internal',
      issuer: 'Quality',
      description: 'Posture test framework.',
      requirements: [
        { key: 'acme:1', title: 'Done and verified', summary: 'Passing and failing controls.' },
        { key: 'acme:2', title: 'Due soon', summary: 'An at-risk control.' },
        { key: 'acme:3', title: 'Does not apply', summary: 'A not-applicable control.' },
        { key: 'acme:4', title: 'Not started yet', summary: 'A control with no evidence.' },
        { key: 'acme:5', title: 'Unmapped', summary: 'No control maps to this.' },
      ],
    },
  ],
  controls: [
    monthly('verified-monthly', 'acme:1'),
    monthly('ignored-monthly', 'acme:1'),
    monthly('unverified-monthly', 'acme:1'),
    monthly('due-soon-monthly', 'acme:2', {
      cadence: { frequency: 'monthly', startsOn: '2026-01-01', dayOfPeriod: 15 },
    }),
    monthly('not-applicable-monthly', 'acme:3'),
    monthly('starts-later-monthly', 'acme:4', {
      cadence: { frequency: 'monthly', startsOn: '2026-06-01' },
    }),
    monthly('per-asset-monthly', 'acme:1', { perAsset: true, scope: {} }),
  ],
};

const server = (key: string) => ({
  key,
  name: `Server ${key}`,
  category: 'server',
  environment: 'production',
  ownerRole: 'engineering',
  criticality: 'medium',
  dataClassification: 'internal',
});

describe('posture at an instant', () => {
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let viewer: string;
  // Europe/Berlin (the test zone): February's deadline is 28 Feb 23:00 UTC, March's 31 Mar 22:00.
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  const t1 = '2026-03-10T09:00:00.000Z';

  /** Appends an occurrence event at the clock's instant, as the work-order commands do. */
  async function record(
    controlKey: string,
    periodKey: string,
    kind: OccurrenceEventKind,
    actorLabel: string,
    assetKey = '',
  ): Promise<void> {
    const occurrence = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select('occurrences.id')
      .where('controls.key', '=', controlKey)
      .where('occurrences.period_key', '=', periodKey)
      .where('occurrences.asset_key', '=', assetKey)
      .executeTakeFirstOrThrow();
    await recordOccurrenceEvent(t, occurrence.id, kind, actorLabel);
  }

  const posture = async (query = '') => {
    const response = await t.call(admin, 'GET', `/api/v1/posture${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<Posture>();
  };
  const statusOf = (result: Posture, key: string) =>
    result.controls.find((control) => control.key === key)?.status;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    auditor = await t.tokenFor('auditor');
    viewer = await t.tokenFor('viewer');
    const applied = await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG);
    expect(applied.statusCode).toBe(200);
    for (const key of ['web-1', 'web-2']) {
      expect((await t.call(admin, 'POST', '/api/v1/assets', server(key))).statusCode).toBe(201);
    }
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-07-31T00:00:00Z'),
    });

    clock.set('2026-02-20T10:00:00Z');
    await record('verified-monthly', '2026-02', 'completed', 'alice@example.test');
    await record('unverified-monthly', '2026-02', 'completed', 'alice@example.test');
    await record('due-soon-monthly', '2026-02', 'completed', 'alice@example.test');
    await record('per-asset-monthly', '2026-02', 'completed', 'alice@example.test', 'web-1');
    await record('not-applicable-monthly', '2026-02', 'not_applicable', 'quality@example.test');
    await record('not-applicable-monthly', '2026-03', 'not_applicable', 'quality@example.test');
    clock.set('2026-02-21T10:00:00Z');
    await record('verified-monthly', '2026-02', 'verified', 'bob@example.test');
    await record('due-soon-monthly', '2026-02', 'verified', 'bob@example.test');
    await record('per-asset-monthly', '2026-02', 'verified', 'bob@example.test', 'web-1');
    clock.set(t1);
  });
  afterAll(() => t.close());

  it('gives each control the status its current occurrences earn', async () => {
    const result = await posture();
    expect(result.at).toBe(t1);
    expect(
      Object.fromEntries(result.controls.map((control) => [control.key, control.status])),
    ).toEqual({
      'verified-monthly': 'passing',
      'ignored-monthly': 'failing',
      'unverified-monthly': 'failing',
      'due-soon-monthly': 'at_risk',
      'not-applicable-monthly': 'not_applicable',
      'starts-later-monthly': 'no_evidence',
      'per-asset-monthly': 'failing',
    });
    // February (the last deadline) is overdue; March is open and not due within 7 days.
    expect(result.controls.find((c) => c.key === 'ignored-monthly')!.currentOccurrences).toEqual({
      failing: 1,
      atRisk: 0,
      verified: 0,
      notApplicable: 0,
      pending: 1,
    });
  });

  it('rolls controls up to requirements (worst) and frameworks (counts and worst)', async () => {
    const acme = (await posture()).frameworks.find((framework) => framework.key === 'acme')!;
    expect(acme.requirements.map((r) => [r.key, r.status])).toEqual([
      ['acme:1', 'failing'],
      ['acme:2', 'at_risk'],
      ['acme:3', 'not_applicable'],
      ['acme:4', 'no_evidence'],
      ['acme:5', 'no_evidence'],
    ]);
    expect(acme.status).toBe('failing');
    expect(acme.requirementCounts).toEqual({
      failing: 1,
      at_risk: 1,
      no_evidence: 2,
      passing: 0,
      not_applicable: 1,
    });
    expect(acme.controlCounts.failing).toBe(3);
  });

  it('widens "at risk" with atRiskDays', async () => {
    const wide = await posture('?atRiskDays=30');
    // March of verified-monthly is due in 21 days: still passing (February was verified) …
    expect(statusOf(wide, 'verified-monthly')).toBe('at_risk');
    const none = await posture('?atRiskDays=0');
    expect(statusOf(none, 'due-soon-monthly')).toBe('passing');
  });

  it('shows per asset the per-asset controls and their worst status', async () => {
    const response = await t.call(admin, 'GET', '/api/v1/posture/assets');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: AssetPosture[] }>().items;
    expect(items.map((item) => [item.assetKey, item.status, item.controlCount])).toEqual([
      ['web-2', 'failing', 1],
      ['web-1', 'passing', 1],
    ]);
    expect(items[0]!.controls).toEqual([{ key: 'per-asset-monthly', status: 'failing' }]);
  });

  it('gives the same answer for a past instant whatever is recorded later', async () => {
    const before = await posture(`?at=${t1}`);
    clock.set('2026-03-12T08:00:00Z');
    await record('ignored-monthly', '2026-02', 'completed', 'carol@example.test');
    await record('unverified-monthly', '2026-02', 'verified', 'bob@example.test');
    await record('due-soon-monthly', '2026-03', 'completed', 'alice@example.test');
    clock.set('2026-03-13T08:00:00Z');
    await record('ignored-monthly', '2026-02', 'verified', 'bob@example.test');
    await record('due-soon-monthly', '2026-03', 'verified', 'bob@example.test');
    clock.set('2026-03-14T08:00:00Z');

    expect(await posture(`?at=${t1}`)).toEqual(before);
    const now = await posture();
    expect(statusOf(now, 'ignored-monthly')).toBe('passing');
    expect(statusOf(now, 'unverified-monthly')).toBe('passing');
    expect(statusOf(now, 'due-soon-monthly')).toBe('passing');
    expect(now).not.toEqual(before);
  });

  it('counts nothing generated after the instant asked for', async () => {
    const early = await posture('?at=2025-12-31T12:00:00Z');
    expect(early.controls.every((control) => control.status === 'no_evidence')).toBe(true);
  });

  it('lets an auditor read posture and reports, and refuses a viewer', async () => {
    expect((await t.call(auditor, 'GET', '/api/v1/posture')).statusCode).toBe(200);
    expect((await t.call(auditor, 'GET', '/api/v1/posture/assets')).statusCode).toBe(200);
    const report = '/api/v1/reports/effectiveness?framework=acme&from=2026-01-01&to=2026-03-31';
    expect((await t.call(auditor, 'GET', report)).statusCode).toBe(200);
    expect((await t.call(viewer, 'GET', '/api/v1/posture')).statusCode).toBe(403);
    expect((await t.call(viewer, 'GET', '/api/v1/posture/assets')).statusCode).toBe(403);
    expect((await t.call(viewer, 'GET', report)).statusCode).toBe(403);
  });

  it('refuses a malformed instant, naming the field', async () => {
    const response = await t.call(admin, 'GET', '/api/v1/posture?at=yesterday');
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('at');
  });

  /** An evidence file attached to an occurrence at an instant (the bytes are not needed here). */
  async function attachEvidence(controlKey: string, periodKey: string, uploadedAt: string) {
    const occurrence = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select('occurrences.id')
      .where('controls.key', '=', controlKey)
      .where('occurrences.period_key', '=', periodKey)
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('evidence_attachments')
      .values({
        occurrence_id: occurrence.id,
        record_type: 'occurrence',
        record_id: occurrence.id,
        sha256: 'a'.repeat(64),
        size_bytes: 10,
        content_type: 'text/plain',
        filename: 'log.txt',
        storage_key: `sha256/${'a'.repeat(64)}`,
        uploaded_by: 'alice@example.test',
        uploaded_at: uploadedAt,
      })
      .execute();
  }

  it('reports effectiveness with exceptions, performer and verifier', async () => {
    await attachEvidence('verified-monthly', '2026-02', '2026-02-20T09:00:00Z');
    await attachEvidence('verified-monthly', '2026-02', '2026-02-20T09:30:00Z');
    // Attached after the period: not part of what the report shows for it.
    await attachEvidence('verified-monthly', '2026-02', '2026-04-02T09:00:00Z');
    clock.set('2026-04-10T00:00:00Z');
    const response = await t.call(
      admin,
      'GET',
      '/api/v1/reports/effectiveness?framework=acme&from=2026-01-01&to=2026-03-31',
    );
    expect(response.statusCode).toBe(200);
    const report = response.json<EffectivenessReport>();
    expect(report.asOf).toBe('2026-03-31T22:00:00.000Z');
    const row = (control: string, period: string, asset = '') =>
      report.rows.find(
        (r) => r.controlKey === control && r.periodKey === period && r.assetKey === asset,
      )!;
    // Nothing was done in January: missed.
    expect(row('ignored-monthly', '2026-01')).toMatchObject({
      status: 'missed',
      exceptions: ['missed'],
      performer: null,
    });
    // February done on 12 March, after its deadline, then verified: late.
    expect(row('ignored-monthly', '2026-02')).toMatchObject({
      status: 'verified',
      performer: 'carol@example.test',
      verifier: 'bob@example.test',
      completedAt: '2026-03-12T08:00:00.000Z',
      exceptions: ['late'],
    });
    expect(row('verified-monthly', '2026-02')).toMatchObject({
      status: 'verified',
      performer: 'alice@example.test',
      verifier: 'bob@example.test',
      verifiedAt: '2026-02-21T10:00:00.000Z',
      evidenceCount: 2,
      exceptions: [],
      requirementKeys: ['acme:1'],
    });
    // Verified on 12 March, after its 28 February deadline: no exception, since the work was
    // on time; an occurrence that was never verified is one.
    expect(row('unverified-monthly', '2026-02').exceptions).toEqual([]);
    // Never done for web-2: closed on 28 March (one month after its deadline) as missed.
    expect(row('per-asset-monthly', '2026-02', 'web-2').exceptions).toEqual(['missed']);
    expect(row('not-applicable-monthly', '2026-03')).toMatchObject({
      status: 'not_applicable',
      exceptions: [],
    });
    expect(report.rows.some((r) => r.controlKey === 'starts-later-monthly')).toBe(false);
    const ignored = report.summary.byControl.find((c) => c.controlKey === 'ignored-monthly')!;
    expect(ignored).toMatchObject({ occurrences: 3, missed: 1, late: 2, withExceptions: 3 });
    expect(ignored.exceptionRate).toBe(1);
  });

  it('marks work completed and never verified as unverified', async () => {
    clock.set('2026-04-10T00:00:00Z');
    await record('verified-monthly', '2026-03', 'completed', 'alice@example.test');
    clock.set('2026-05-10T00:00:00Z');
    const report = (
      await t.call(
        admin,
        'GET',
        '/api/v1/reports/effectiveness?framework=acme&from=2026-03-01&to=2026-04-30',
      )
    ).json<EffectivenessReport>();
    const march = report.rows.find(
      (r) => r.controlKey === 'verified-monthly' && r.periodKey === '2026-03',
    )!;
    expect(march).toMatchObject({ status: 'done', performer: 'alice@example.test' });
    expect(march.exceptions).toEqual(['late', 'unverified']);
  });

  it('writes CSV with a header and neutralises formulas', async () => {
    clock.set('2026-05-11T00:00:00Z');
    await record('ignored-monthly', '2026-05', 'completed', '=HYPERLINK("http://evil.example")');
    const response = await t.call(
      admin,
      'GET',
      '/api/v1/reports/effectiveness?framework=acme&from=2026-05-01&to=2026-05-31&format=csv',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe(
      'control_key,control_title,requirement_keys,period_key,asset_key,opens_at,due_at,status,completed_at,performer,verified_at,verifier,evidence_count,exceptions,late_evidence',
    );
    const evil = lines.find((line) => line.includes('HYPERLINK'))!;
    expect(evil).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(evil).toContain('ignored-monthly');
  });

  it('answers 404 for an unknown framework and 400 for a period that ends before it starts', async () => {
    const unknown = await t.call(
      admin,
      'GET',
      '/api/v1/reports/effectiveness?framework=nope&from=2026-01-01&to=2026-03-31',
    );
    expect(unknown.statusCode).toBe(404);
    const backwards = await t.call(
      admin,
      'GET',
      '/api/v1/reports/effectiveness?framework=acme&from=2026-03-01&to=2026-01-31',
    );
    expect(backwards.statusCode).toBe(400);
  });
});

describe('posture over work recorded through the work-order API', () => {
  let t: TestApp;
  let admin: string;
  const clock = new FixedClock('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-04-30T00:00:00Z'),
    });
    clock.set('2026-03-10T09:00:00Z');
  });
  afterAll(() => t.close());

  it('turns a control not applicable once its current occurrences are declared so', async () => {
    const before = await t.call(admin, 'GET', '/api/v1/posture');
    const statusOf = (body: Posture) =>
      body.controls.find((control) => control.key === 'ignored-monthly')!.status;
    expect(statusOf(before.json<Posture>())).toBe('failing');
    clock.set('2026-03-11T09:00:00Z');
    const { items } = (
      await t.call(admin, 'GET', '/api/v1/occurrences?control=ignored-monthly')
    ).json<{ items: { id: string; periodKey: string }[] }>();
    for (const period of ['2026-02', '2026-03']) {
      const occurrence = items.find((item) => item.periodKey === period)!;
      const marked = await t.call(
        admin,
        'POST',
        `/api/v1/occurrences/${occurrence.id}/not-applicable`,
        { justification: 'The service was switched off for the whole quarter.' },
      );
      expect(marked.statusCode).toBe(200);
    }
    const after = (await t.call(admin, 'GET', '/api/v1/posture')).json<Posture>();
    expect(statusOf(after)).toBe('not_applicable');
    // Asked about the instant before the declarations, the answer is unchanged.
    const earlier = (
      await t.call(
        admin,
        'GET',
        `/api/v1/posture?at=${encodeURIComponent(before.json<Posture>().at)}`,
      )
    ).json<Posture>();
    expect(earlier).toEqual(before.json<Posture>());

    const report = (
      await t.call(
        admin,
        'GET',
        // The period has not ended: the report shows the records as they stand now.
        '/api/v1/reports/effectiveness?framework=acme&from=2026-02-01&to=2026-03-31',
      )
    ).json<EffectivenessReport>();
    const february = report.rows.find(
      (row) => row.controlKey === 'ignored-monthly' && row.periodKey === '2026-02',
    )!;
    expect(february).toMatchObject({ status: 'not_applicable', exceptions: [] });
  });
});
