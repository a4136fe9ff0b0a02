import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { BackupIncidentView } from '../../src/modules/backups/backup-status.schema.js';
import type { NotificationView } from '../../src/modules/notifications/notification.schema.js';
import type { PackJob } from '../../src/modules/packs/pack.schema.js';
import { requestEvidencePack } from '../../src/modules/packs/pack-job.service.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { occurrenceStatusAt } from '../../src/modules/occurrences/occurrence-status.js';
import type { DrExerciseView } from '../../src/modules/recovery/dr-exercise.schema.js';
import type { RestoreTestView } from '../../src/modules/recovery/restore-test.schema.js';
import type { WorkOrderView } from '../../src/modules/work-orders/work-order.schema.js';
import { nonconformanceRepository } from '../../src/modules/nonconformances/nonconformance.repository.js';
import { drExerciseRepository } from '../../src/modules/recovery/dr-exercise.repository.js';
import { restoreTestRepository } from '../../src/modules/recovery/restore-test.repository.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { FixedClock } from '../../src/platform/clock.js';
import { encodeCursor, type Page } from '../../src/platform/http/paging.js';
import { auditorEngagedForMarch } from './auditor.fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Get = (url: string) => Promise<LightMyRequestResponse>;

/** Follows nextCursor from the first page to the last; returns every item and each page's size. */
async function walk<Item>(get: Get, url: string, limit: number) {
  const items: Item[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const next: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await get(`${url}${separator}limit=${limit}${next}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<Page<Item>>();
    items.push(...page.items);
    pageSizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { items, pageSizes };
}

/** Every page but the last is full, and the last is not empty unless the list is. */
function expectFullPages(pageSizes: number[], limit: number, total: number): void {
  expect(pageSizes.reduce((sum, size) => sum + size, 0)).toBe(total);
  expect(pageSizes.slice(0, -1).every((size) => size === limit)).toBe(true);
  expect(pageSizes.length).toBe(Math.max(1, Math.ceil(total / limit)));
}

const issuePaths = (response: LightMyRequestResponse) =>
  response.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path);

const LISTS = [
  '/api/v1/work-orders',
  '/api/v1/nonconformances',
  '/api/v1/restore-tests',
  '/api/v1/dr-exercises',
  '/api/v1/occurrences',
  '/api/v1/backup-runs',
  '/api/v1/reports/packs',
  '/api/v1/backups/incidents',
  '/api/v1/notifications',
  '/api/v1/auditor-engagements',
  '/api/v1/audit/events',
];

describe('lists: keyset pages that never drop a row', () => {
  const clock = new FixedClock('2026-02-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  const get: Get = (url) => t.call(admin, 'GET', url);

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        PLUMBLINE_PUBLIC_URL: 'https://plumbline.example.test',
        PLUMBLINE_REQUIRE_MFA: 'false',
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
      },
    });
    admin = await t.tokenFor('admin');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-1',
      name: 'Orders database',
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(asset.statusCode).toBe(201);
    // Records in February, March and April: an auditor engaged for March sees the middle ones.
    const days = ['2026-02-10', '2026-02-20', '2026-03-02', '2026-03-09', '2026-03-16'];
    for (const day of [...days, '2026-03-23', '2026-03-30', '2026-04-02']) {
      clock.set(`${day}T09:00:00Z`);
      const created = await t.call(admin, 'POST', '/api/v1/work-orders', {
        title: `Corrective work of ${day}`,
        description: 'Replace the failed disk.',
      });
      expect(created.statusCode).toBe(201);
      await nonconformanceRepository.insertOnce(t.ctx.db, {
        sourceType: 'occurrence',
        sourceId: crypto.randomUUID(),
        title: `Missed work of ${day}`,
        description: 'A critical control was missed.',
        ownerRole: 'quality',
        dueOn: day,
        now: clock.now(),
      });
    }
  });
  afterAll(() => t.close());

  it('walks work orders newest first, each exactly once, with filters', async () => {
    const { items, pageSizes } = await walk<WorkOrderView>(get, '/api/v1/work-orders', 3);
    expectFullPages(pageSizes, 3, 8);
    const numbers = items.map((item) => item.number);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers).toEqual([...numbers].sort().reverse());
    const open = await walk<WorkOrderView>(
      get,
      '/api/v1/work-orders?status=open&kind=corrective',
      2,
    );
    expect(open.items.map((item) => item.id)).toEqual(items.map((item) => item.id));
    const none = await walk<WorkOrderView>(get, '/api/v1/work-orders?status=verified', 2);
    expect(none).toEqual({ items: [], pageSizes: [0] });
  });

  it('walks nonconformances newest first, the overdue filter applied by the database', async () => {
    clock.set('2026-03-20T09:00:00Z');
    const { items, pageSizes } = await walk<NonconformanceView>(get, '/api/v1/nonconformances', 3);
    expectFullPages(pageSizes, 3, 8);
    expect(new Set(items.map((item) => item.id)).size).toBe(8);
    expect(items.map((item) => item.number)).toEqual(
      [...items.map((item) => item.number)].sort().reverse(),
    );
    const overdue = await walk<NonconformanceView>(get, '/api/v1/nonconformances?overdue=true', 2);
    // Due before 20 March (Berlin): the February and the first three March ones.
    expectFullPages(overdue.pageSizes, 2, 5);
    expect(overdue.items.every((item) => item.overdue)).toBe(true);
    const notOverdue = await walk<NonconformanceView>(
      get,
      '/api/v1/nonconformances?overdue=false',
      2,
    );
    expect(notOverdue.items.map((item) => item.dueOn).sort()).toEqual([
      '2026-03-23',
      '2026-03-30',
      '2026-04-02',
    ]);
    const deficiencies = await walk<NonconformanceView>(
      get,
      '/api/v1/nonconformances?deficiency=true',
      2,
    );
    expect(deficiencies.items).toEqual([]);
  });

  it('walks restore tests and DR exercises latest first, ties on the finish broken by number', async () => {
    const assetId = (
      await t.ctx.db
        .selectFrom('assets')
        .select('id')
        .where('key', '=', 'db-1')
        .executeTakeFirstOrThrow()
    ).id;
    // Seven records, two pairs finishing at the same instant.
    const finishes = [
      '2026-01-05T10:00:00Z',
      '2026-01-12T10:00:00Z',
      '2026-01-12T10:00:00Z',
      '2026-01-19T10:00:00Z',
      '2026-01-26T10:00:00Z',
      '2026-01-26T10:00:00Z',
      '2026-02-02T10:00:00Z',
    ];
    await t.ctx.db.transaction().execute(async (trx) => {
      for (const [index, finished] of finishes.entries()) {
        const finishedAt = new Date(finished);
        const startedAt = new Date(finishedAt.getTime() - 3_600_000);
        await restoreTestRepository.insert(trx, {
          assetId,
          backupRunId: null,
          startedAt,
          finishedAt,
          recoveryPointAt: new Date(startedAt.getTime() - 3_600_000),
          recoveryPointSource: 'given',
          measuredRtoSeconds: 3600,
          measuredRpoSeconds: 3600,
          targetRto: 'PT4H',
          targetRpo: 'PT24H',
          targetsSource: 'default',
          integrityChecks: [{ check: 'Row counts match', passed: true, note: '' }],
          outcome: index % 2 === 0 ? 'pass' : 'fail',
          failureReasons: [],
          notes: '',
          performerId: crypto.randomUUID(),
          performerLabel: 'engineer@example.test',
          now: clock.now(),
        });
        await drExerciseRepository.insert(trx, {
          type: 'tabletop',
          scenario: `Exercise ${index}`,
          startedAt,
          finishedAt,
          participants: [{ name: 'Dana', role: 'lead' }],
          timeline: [],
          recoveryMeasurements: [],
          deficiencies: [],
          outcome: 'passed',
          summary: 'Went to plan.',
          recordedById: crypto.randomUUID(),
          recordedByLabel: 'lead@example.test',
          now: clock.now(),
        });
      }
    });
    const expected = finishes
      .map((finished, index) => ({ finished, number: index + 1 }))
      .sort((a, b) => b.finished.localeCompare(a.finished) || b.number - a.number)
      .map((row) => row.number);
    const tests = await walk<RestoreTestView>(get, '/api/v1/restore-tests', 2);
    expectFullPages(tests.pageSizes, 2, 7);
    expect(tests.items.map((item) => Number(item.number.slice(3)))).toEqual(expected);
    const passed = await walk<RestoreTestView>(get, '/api/v1/restore-tests?outcome=pass', 2);
    expect(passed.items.map((item) => Number(item.number.slice(3)))).toEqual(
      expected.filter((number) => number % 2 === 1),
    );
    const exercises = await walk<DrExerciseView>(get, '/api/v1/dr-exercises', 3);
    expectFullPages(exercises.pageSizes, 3, 7);
    expect(exercises.items.map((item) => Number(item.number.slice(3)))).toEqual(expected);
  });

  it('walks backup incidents newest first, open or closed at an instant', async () => {
    const assetId = (
      await t.ctx.db
        .selectFrom('assets')
        .select('id')
        .where('key', '=', 'db-1')
        .executeTakeFirstOrThrow()
    ).id;
    // Only one incident of a kind may be open per asset: the open ones (1, 3) differ in kind.
    const opened = ['2026-01-03', '2026-01-04', '2026-01-04', '2026-01-05', '2026-01-06'];
    await t.ctx.db
      .insertInto('backup_incidents')
      .values(
        opened.map((day, index) => ({
          asset_id: assetId,
          kind: (['run_failed', 'incremental_missed', 'full_missed'] as const)[index % 3]!,
          began_at: new Date(`${day}T01:00:00Z`),
          opened_at: new Date(`${day}T02:00:00Z`),
          summary: `Incident ${index}`,
          closed_at: index % 2 === 0 ? new Date('2026-01-10T00:00:00Z') : null,
        })),
      )
      .execute();
    const all = await walk<BackupIncidentView>(get, '/api/v1/backups/incidents', 2);
    expectFullPages(all.pageSizes, 2, 5);
    expect(new Set(all.items.map((item) => item.id)).size).toBe(5);
    expect(all.items.map((item) => item.summary.at(-1))).toEqual(
      expect.arrayContaining(['0', '1', '2', '3', '4']),
    );
    expect(all.items.map((item) => item.openedAt)).toEqual(
      [...all.items.map((item) => item.openedAt)].sort().reverse(),
    );
    const open = await walk<BackupIncidentView>(get, '/api/v1/backups/incidents?status=open', 1);
    expect(open.items.map((item) => item.summary).sort()).toEqual(['Incident 1', 'Incident 3']);
    const openThen = await walk<BackupIncidentView>(
      get,
      '/api/v1/backups/incidents?status=open&at=2026-01-08T00:00:00Z',
      2,
    );
    expectFullPages(openThen.pageSizes, 2, 5);
  });

  it('walks notifications newest first, filtered by category', async () => {
    const queued = ['2026-01-03', '2026-01-04', '2026-01-04', '2026-01-05', '2026-01-06'];
    await t.ctx.db
      .insertInto('outbox_messages')
      .values(
        queued.map((day, index) => ({
          channel: 'email',
          recipient: `person${index}@example.test`,
          subject: `Reminder ${index}`,
          body_text: 'Work is due.',
          category: index === 4 ? 'digest' : 'paging-test',
          dedupe_key: null,
          related_entity_type: null,
          related_entity_id: null,
          status: 'pending',
          created_at: new Date(`${day}T08:00:00Z`),
          available_at: new Date(`${day}T08:00:00Z`),
          sent_at: null,
          last_error: null,
          provider_message_id: null,
        })),
      )
      .execute();
    const tests = await walk<NotificationView>(
      get,
      '/api/v1/notifications?category=paging-test',
      1,
    );
    expectFullPages(tests.pageSizes, 1, 4);
    expect(tests.items.map((item) => item.createdAt)).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-01-04T08:00:00.000Z',
      '2026-01-04T08:00:00.000Z',
      '2026-01-03T08:00:00.000Z',
    ]);
    expect(new Set(tests.items.map((item) => item.id)).size).toBe(4);
  });

  it('walks the audit trail newest first by cursor, and by beforeSeq for older clients', async () => {
    const filter = 'entityType=work_order';
    const trail = await walk<AuditEventView>(get, `/api/v1/audit/events?${filter}`, 3);
    expect(trail.items.length).toBeGreaterThanOrEqual(8);
    expectFullPages(trail.pageSizes, 3, trail.items.length);
    const seqs = trail.items.map((item) => BigInt(item.seq));
    expect(seqs.every((seq, index) => index === 0 || seq < seqs[index - 1]!)).toBe(true);
    const first = (await get(`/api/v1/audit/events?${filter}&limit=3`)).json<{
      nextBeforeSeq: string | null;
    }>();
    const older = (
      await get(`/api/v1/audit/events?${filter}&limit=3&beforeSeq=${first.nextBeforeSeq}`)
    ).json<Page<AuditEventView>>();
    expect(older.items.map((item) => item.seq)).toEqual(
      trail.items.slice(3, 6).map((item) => item.seq),
    );
  });

  it('walks occurrences in due order with their status at an instant, filtered in the database', async () => {
    clock.set('2026-03-20T09:00:00Z');
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-01-01T00:00:00Z',
      until: '2026-05-01T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    const all = await walk<OccurrenceView>(get, '/api/v1/occurrences?asset=db-1', 3);
    expect(all.items.length).toBeGreaterThan(6);
    expectFullPages(all.pageSizes, 3, all.items.length);
    expect(new Set(all.items.map((item) => item.id)).size).toBe(all.items.length);
    const order = (o: OccurrenceView) => [o.dueAt, o.controlKey, o.assetKey, o.id];
    const sorted = [...all.items].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
    expect(all.items.map((item) => item.id)).toEqual(sorted.map((item) => item.id));

    // Work started on 20 March: at noon on the 19th the stored state has moved past that instant
    // and the status comes from the events recorded by then (due), on the 21st it is in progress.
    const first = all.items.find((item) => item.status === 'due' && item.dueAt > '2026-03-22');
    expect(first).toBeDefined();
    const engineer = await t.tokenFor('engineering');
    const started = await t.call(engineer, 'POST', `/api/v1/occurrences/${first!.id}/start`);
    expect(started.statusCode, started.body).toBeLessThan(300);
    clock.set('2026-03-21T09:00:00Z');

    for (const at of ['2026-03-19T12:00:00Z', '2026-03-21T09:00:00Z']) {
      const listed = await walk<OccurrenceView>(get, `/api/v1/occurrences?asset=db-1&at=${at}`, 4);
      for (const occurrence of listed.items) {
        const window = {
          opensAt: new Date(occurrence.opensAt),
          dueAt: new Date(occurrence.dueAt),
          closesAt: new Date(occurrence.closesAt),
        };
        const events = occurrence.events.map((event) => ({
          kind: event.kind,
          at: new Date(event.at),
        }));
        expect(occurrence.status).toBe(occurrenceStatusAt(window, events, new Date(at)));
      }
      for (const status of ['in_progress', 'overdue', 'missed', 'upcoming'] as const) {
        const filtered = await walk<OccurrenceView>(
          get,
          `/api/v1/occurrences?asset=db-1&at=${at}&status=${status}`,
          2,
        );
        const wanted = listed.items.filter((item) => item.status === status);
        expectFullPages(filtered.pageSizes, 2, wanted.length);
        expect(filtered.items.map((item) => item.id)).toEqual(wanted.map((item) => item.id));
      }
    }
    const before = await walk<OccurrenceView>(
      get,
      `/api/v1/occurrences?asset=db-1&at=2026-03-19T12:00:00Z&status=in_progress`,
      2,
    );
    expect(before.items.map((item) => item.id)).not.toContain(first!.id);
    const after = await walk<OccurrenceView>(
      get,
      `/api/v1/occurrences?asset=db-1&status=in_progress`,
      2,
    );
    expect(after.items.map((item) => item.id)).toContain(first!.id);
  });

  it('refuses a limit out of bounds and a cursor it did not hand out, naming the field', async () => {
    const foreign = encodeCursor(['not', 'this', 'list']);
    for (const list of LISTS) {
      for (const [query, path] of [
        ['limit=0', 'querystring.limit'],
        ['limit=1001', 'querystring.limit'],
        ['limit=ten', 'querystring.limit'],
        ['cursor=%25%25not-a-cursor', 'querystring.cursor'],
        [`cursor=${foreign}`, 'querystring.cursor'],
      ] as const) {
        const response = await get(`${list}?${query}`);
        expect({ list, query, status: response.statusCode }).toEqual({ list, query, status: 400 });
        expect(issuePaths(response)).toEqual([path]);
      }
    }
  });

  it("gives an engaged auditor full pages of their period's records", async () => {
    const periods = [
      { framework: 'iso9001', from: '2026-03-01', to: '2026-03-31' },
      { framework: 'soc2', from: '2026-03-01', to: '2026-03-31' },
      { framework: 'iso9001', from: '2026-03-01', to: '2026-03-15' },
      { framework: 'iso9001', from: '2026-02-01', to: '2026-02-28' },
      { framework: 'iso9001', from: '2026-03-16', to: '2026-03-31' },
    ];
    const packs: PackJob[] = [];
    for (const [index, period] of periods.entries()) {
      clock.set(`2026-04-01T0${index}:00:00Z`);
      packs.push(await requestEvidencePack(t.ctx, systemActor, period));
    }
    const everyPack = await walk<PackJob>(get, '/api/v1/reports/packs', 2);
    expectFullPages(everyPack.pageSizes, 2, 5);
    expect(everyPack.items.map((pack) => pack.id)).toEqual(packs.map((pack) => pack.id).reverse());
    const auditor: Get = await auditorEngagedForMarch(t, clock, admin);

    const inMarch = (instant: string) => instant >= '2026-03-01' && instant < '2026-03-31T22';
    const allWorkOrders = await walk<WorkOrderView>(get, '/api/v1/work-orders', 100);
    const marchWorkOrders = allWorkOrders.items.filter((item) => inMarch(item.createdAt));
    expect(marchWorkOrders.length).toBeGreaterThanOrEqual(5);
    const workOrders = await walk<WorkOrderView>(auditor, '/api/v1/work-orders', 2);
    expectFullPages(workOrders.pageSizes, 2, marchWorkOrders.length);
    expect(workOrders.items.map((item) => item.id)).toEqual(marchWorkOrders.map((item) => item.id));
    const nonconformances = await walk<NonconformanceView>(auditor, '/api/v1/nonconformances', 2);
    expectFullPages(nonconformances.pageSizes, 2, 5);
    expect(nonconformances.items.every((item) => inMarch(item.raisedAt))).toBe(true);
    const everyone = await walk<OccurrenceView>(get, '/api/v1/occurrences?asset=db-1', 50);
    const marchOccurrences = everyone.items.filter(
      (item) => item.dueAt >= '2026-02-28T23:00:00.000Z' && item.dueAt < '2026-03-31T22:00:00.000Z',
    );
    const occurrences = await walk<OccurrenceView>(auditor, '/api/v1/occurrences?asset=db-1', 2);
    expectFullPages(occurrences.pageSizes, 2, marchOccurrences.length);
    expect(occurrences.items.map((item) => item.id)).toEqual(
      marchOccurrences.map((item) => item.id),
    );
    const auditorPacks = await walk<PackJob>(auditor, '/api/v1/reports/packs', 2);
    expectFullPages(auditorPacks.pageSizes, 2, 3);
    expect(auditorPacks.items.map((pack) => pack.id)).toEqual(
      [packs[4]!, packs[2]!, packs[0]!].map((pack) => pack.id),
    );
    const tests = await walk<RestoreTestView>(auditor, '/api/v1/restore-tests', 2);
    expect(tests.items).toEqual([]);
  });
});
