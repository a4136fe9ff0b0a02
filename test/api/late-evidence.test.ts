import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBackups } from '../../src/modules/backups/evaluate-backups.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import { nonconformanceJob } from '../../src/modules/nonconformances/raise-nonconformances.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { EffectivenessReport, Posture } from '../../src/modules/posture/posture.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { backupWriterToken, createBackedUpAsset } from '../support/factory.js';

const DAILY = 'backup-daily-production';
const WEEKLY = 'backup-weekly-full-production';
const FAILURE = 'backup-failure-response-24h';
const DAY_MS = 86_400_000;

/** 30 nights of pgBackRest runs, 2 to 31 May 2026 (00:30 UTC, 02:30 Berlin); full on Sundays. */
function thirtyNightsOfRuns(): string {
  const lines: string[] = [];
  for (let day = 2; day <= 31; day += 1) {
    const startedAt = new Date(Date.UTC(2026, 4, day, 0, 30));
    lines.push(
      JSON.stringify({
        asset: 'db-main',
        tool: 'pgbackrest',
        job: 'main',
        externalId: `night-${day}`,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date(startedAt.getTime() + 20 * 60_000).toISOString(),
        status: 'succeeded',
        backupType: startedAt.getUTCDay() === 0 ? 'full' : 'incremental',
        encrypted: true,
        region: 'eu-central-1',
      }),
    );
  }
  return lines.join('\n') + '\n';
}

describe('late evidence: a month of backup runs imported after the fact', () => {
  let t: TestApp;
  let admin: string;
  let writer: string;
  const clock = new FixedClock('2026-05-01T06:00:00Z');
  let beforeImport: string;

  const occurrences = async (control: string) =>
    (
      await t.call(admin, 'GET', `/api/v1/occurrences?control=${control}&asset=db-main&limit=100`)
    ).json<{ items: OccurrenceView[] }>().items;
  const nonconformances = async () =>
    (await t.call(admin, 'GET', '/api/v1/nonconformances?limit=100')).json<{
      items: NonconformanceView[];
    }>().items;
  const postureOf = async (control: string, at?: string) => {
    const response = await t.call(
      admin,
      'GET',
      `/api/v1/posture${at ? `?at=${encodeURIComponent(at)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Posture>().controls.find((each) => each.key === control)!;
  };
  const report = async (asOf?: string) => {
    const response = await t.call(
      admin,
      'GET',
      `/api/v1/reports/effectiveness?framework=soc2&from=2026-05-01&to=2026-05-31` +
        (asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''),
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<EffectivenessReport>();
  };
  const runJobs = async () => {
    await evaluateBackups(t.ctx);
    await nonconformanceJob(t.ctx).run();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    writer = await backupWriterToken(t);
    await createBackedUpAsset(t, admin, { key: 'db-main', category: 'database' });
    // The days of 2 to 31 May (Berlin), and the ISO weeks 18 to 22.
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-05-01T22:00:00Z',
      until: '2026-05-31T22:00:00Z',
    });
    expect(generated.statusCode, generated.body).toBeLessThan(300);
    // On 2 June nothing has been recorded: every day of May is missed (a day's window closes a
    // day after its deadline), and so are the weeks 18 to 21.
    clock.set('2026-06-02T09:00:00Z');
    await runJobs();
    clock.advance(60_000);
    await runJobs();
    beforeImport = clock.now().toISOString();
    clock.advance(3_600_000);
  }, 120_000);
  afterAll(() => t.close());

  it('raises one nonconformance per streak of misses, not one per missed day', async () => {
    const daily = await occurrences(DAILY);
    expect(daily).toHaveLength(30);
    expect(daily.every((occurrence) => occurrence.status === 'missed')).toBe(true);
    const raised = await nonconformances();
    const titles = raised.map((nonconformance) => nonconformance.title);
    expect(titles.filter((title) => title.includes('Daily backup'))).toHaveLength(1);
    expect(titles.filter((title) => title.includes('Weekly full backup'))).toHaveLength(1);
    const attached = await t.ctx.db
      .selectFrom('nonconformance_occurrences')
      .select(['nonconformance_id', 'control_key'])
      .where('control_key', '=', DAILY)
      .execute();
    expect(attached).toHaveLength(30);
    expect(new Set(attached.map((row) => row.nonconformance_id)).size).toBe(1);
  });

  it('turns last month’s missed days into satisfied ones when the runs are imported today', async () => {
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/backup-runs/import?format=plumbline',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/x-ndjson' },
      payload: thirtyNightsOfRuns(),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ received: 30, created: 30, alreadyRecorded: 0 });
    await runJobs();

    const daily = await occurrences(DAILY);
    expect(daily.map((occurrence) => occurrence.status)).toEqual(daily.map(() => 'verified'));
    const weekly = await occurrences(WEEKLY);
    expect(weekly.length).toBeGreaterThanOrEqual(5);
    expect(weekly.every((occurrence) => occurrence.status === 'verified')).toBe(true);
    // Each completion names the run and is recorded now, with the instant of the run.
    const events = await t.ctx.db
      .selectFrom('occurrence_events')
      .innerJoin('occurrences', 'occurrences.id', 'occurrence_events.occurrence_id')
      .select(['occurrence_events.at', 'occurrence_events.evidenced_at', 'occurrences.closes_at'])
      .where('occurrence_events.kind', '=', 'completed')
      .where('occurrences.asset_key', '=', 'db-main')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(35);
    for (const event of events) {
      expect(event.at.getTime()).toBeGreaterThan(Date.parse(beforeImport));
      expect(event.evidenced_at!.getTime()).toBeLessThan(event.closes_at.getTime());
    }
    const lateAudit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'occurrence.satisfied_late')
      .execute();
    // 29 days, the weeks 18 to 21 and the failure-response SLA had been missed.
    expect(lateAudit.length).toBeGreaterThanOrEqual(33);
  });

  it('withdraws the nonconformances raised only because the runs were missing, saying why', async () => {
    const items = await nonconformances();
    const backupItems = items.filter(
      (nonconformance) =>
        nonconformance.title.includes('Daily backup') ||
        nonconformance.title.includes('Weekly full backup'),
    );
    expect(backupItems).toHaveLength(2);
    for (const nonconformance of backupItems) {
      expect(nonconformance.status).toBe('closed');
      expect(nonconformance.resolutionNote).toMatch(/satisfied by evidence recorded after/);
    }
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['entity_id'])
      .where('action', '=', 'nonconformance.withdrawn')
      .execute();
    expect(audit.map((entry) => entry.entity_id)).toEqual(
      expect.arrayContaining(backupItems.map((nonconformance) => nonconformance.id)),
    );
    // The failure-response SLA started by the missed window was answered by the runs as well.
    const failures = await occurrences(FAILURE);
    expect(failures.every((occurrence) => occurrence.status === 'verified')).toBe(true);
  });

  it('keeps posture as of before the import as it was, and shows the import from then on', async () => {
    expect((await postureOf(DAILY, beforeImport)).status).toBe('failing');
    const now = await postureOf(DAILY);
    expect(now.status).not.toBe('failing');
    expect(now.currentOccurrences.failing).toBe(0);
  });

  it('reports the month as known before the import, and as known now with late evidence flagged', async () => {
    const before = await report(beforeImport);
    const dailyBefore = before.summary.byControl.find((each) => each.controlKey === DAILY)!;
    expect(dailyBefore).toMatchObject({
      occurrences: 30,
      missed: 30,
      late: 0,
      withExceptions: 30,
      lateEvidence: 0,
    });
    // The default (the end of May: 31 May past its deadline, not yet closed) knows nothing
    // recorded in June either.
    expect(
      (await report()).summary.byControl.find((each) => each.controlKey === DAILY),
    ).toMatchObject({ missed: 29, late: 1, withExceptions: 30, lateEvidence: 0 });

    const after = await report(clock.now().toISOString());
    const daily = after.summary.byControl.find((each) => each.controlKey === DAILY)!;
    expect(daily).toMatchObject({
      occurrences: 30,
      missed: 0,
      late: 0,
      withExceptions: 0,
      lateEvidence: 30,
      exceptionRate: 0,
    });
    const rows = after.rows.filter((row) => row.controlKey === DAILY);
    expect(rows.every((row) => row.status === 'verified' && row.lateEvidence)).toBe(true);
    expect(rows.every((row) => row.exceptions.length === 0)).toBe(true);
    // A completion recorded in June stays recorded in June: nothing is back-dated.
    expect(rows.every((row) => Date.parse(row.completedAt!) > Date.parse(beforeImport))).toBe(true);

    const csv = await t.call(
      admin,
      'GET',
      `/api/v1/reports/effectiveness?framework=soc2&from=2026-05-01&to=2026-05-31&format=csv&asOf=${encodeURIComponent(clock.now().toISOString())}`,
    );
    const [header, ...lines] = csv.body.trim().split('\n');
    expect(header!.split(',').at(-1)).toBe('late_evidence');
    expect(lines.filter((line) => line.startsWith(DAILY) && line.endsWith(',true'))).toHaveLength(
      30,
    );
  });

  it('records nothing twice when the same runs are evaluated again', async () => {
    const count = async () =>
      (await t.ctx.db.selectFrom('occurrence_events').select('seq').execute()).length;
    const before = await count();
    clock.advance(DAY_MS);
    await runJobs();
    expect(await count()).toBe(before);
  });
});
