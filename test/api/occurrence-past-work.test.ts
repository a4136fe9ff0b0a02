import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import {
  workStateFromEvents,
  workStateFromInstants,
} from '../../src/modules/occurrences/occurrence-state-sql.js';
import {
  OCCURRENCE_EVENT_KINDS,
  type OccurrenceEventKind,
} from '../../src/modules/occurrences/occurrence-status.js';
import { evaluatePosture } from '../../src/modules/posture/evaluate-posture.js';
import { listAssetPosture } from '../../src/modules/posture/list-asset-posture.js';
import * as pastWorkMigration from '../../src/platform/db/migrations/2026-12-08T03-00_occurrence-past-work-from-events.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createProductionAsset, occurrencesByDeadline } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CATALOG = {
  frameworks: [
    {
      key: 'pastfw',
      title: 'Past work framework',
      kind: 'internal',
      issuer: 'Quality',
      description: 'Posture at past instants.',
      requirements: [{ key: 'pastfw:1', title: 'Work', summary: 'Recurring work.' }],
    },
  ],
  controls: [
    {
      key: 'past-weekly',
      title: 'Weekly per-asset check',
      theme: 'past-test',
      objective: 'A weekly check of every server.',
      ownerRole: 'engineering',
      perAsset: true,
      scope: {},
      cadence: { frequency: 'weekly', startsOn: '2026-01-01' },
      evaluation: { mode: 'manual' },
      evidenceExpected: [{ kind: 'record', description: 'A record.' }],
      requirements: ['pastfw:1'],
    },
  ],
};

const HOUR_MS = 3_600_000;

describe('work at a past instant from the stored instants (past_work_from_events)', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  let occurrences: { id: string; opens_at: Date }[] = [];
  let next = 0;
  /** An occurrence no other test has worked on. */
  const freshOccurrence = () => occurrences[next++]!;

  /** Appends an event as a bulk load or an importer would: any kind, any instant, any order. */
  const insertEvent = (
    occurrenceId: string,
    kind: OccurrenceEventKind,
    at: Date,
    evidencedAt: Date | null = null,
  ) =>
    t.ctx.db
      .insertInto('occurrence_events')
      .values({
        occurrence_id: occurrenceId,
        kind,
        at,
        evidenced_at: evidencedAt,
        actor_id: null,
        actor_label: 'someone@example.test',
      })
      .execute();

  /** At each instant: the work the events say, the work the instants say, and the mark. */
  async function workAt(occurrenceId: string, instants: Date[]) {
    const at = sql`i.at`;
    const result = await sql<{ at: Date; from_events: string; from_instants: string }>`
      select i.at,
        (select ${workStateFromEvents} from occurrence_events e
          where e.occurrence_id = s.occurrence_id and e.at <= ${at}) as from_events,
        ${workStateFromInstants(sql`s`, at)} as from_instants
      from occurrence_state s
      cross join unnest(${instants.map((instant) => instant.toISOString())}::timestamptz[]) as i (at)
      where s.occurrence_id = ${occurrenceId}
      order by i.at`.execute(t.ctx.db);
    return result.rows;
  }

  const marked = async (occurrenceId: string) =>
    (
      await t.ctx.db
        .selectFrom('occurrence_state')
        .select('past_work_from_events')
        .where('occurrence_id', '=', occurrenceId)
        .executeTakeFirstOrThrow()
    ).past_work_from_events;

  const marks = async () =>
    (
      await t.ctx.db
        .selectFrom('occurrence_state')
        .select(['occurrence_id', 'past_work_from_events'])
        .orderBy('occurrence_id')
        .execute()
    ).map((row) => `${row.occurrence_id}:${row.past_work_from_events}`);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    for (const key of ['srv-1', 'srv-2', 'srv-3']) await createProductionAsset(t, admin, key);
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-12-31T00:00:00Z'),
    });
    occurrences = await occurrencesByDeadline(t);
    expect(occurrences.length).toBeGreaterThan(150);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('leaves unmarked the usual work, recorded in order, and then gives what the events give', async () => {
    const occurrence = freshOccurrence();
    const opens = occurrence.opens_at.getTime();
    await insertEvent(occurrence.id, 'started', new Date(opens + HOUR_MS));
    await insertEvent(occurrence.id, 'completed', new Date(opens + 5 * HOUR_MS));
    await insertEvent(occurrence.id, 'verified', new Date(opens + 30 * HOUR_MS));
    expect(await marked(occurrence.id)).toBe(false);
    const instants = [0, 1, 3, 5, 20, 30, 40].map((hours) => new Date(opens + hours * HOUR_MS));
    const rows = await workAt(occurrence.id, instants);
    expect(rows.map((row) => row.from_instants)).toEqual([
      'not_started',
      'in_progress',
      'in_progress',
      'done',
      'done',
      'verified',
      'verified',
    ]);
    for (const row of rows) expect(row.from_instants).toBe(row.from_events);
  });

  it('marks a start recorded late with an instant before the first one (a back-dated fact)', async () => {
    const occurrence = freshOccurrence();
    const opens = occurrence.opens_at.getTime();
    await insertEvent(occurrence.id, 'started', new Date(opens + 10 * HOUR_MS));
    await insertEvent(occurrence.id, 'completed', new Date(opens + 20 * HOUR_MS));
    expect(await marked(occurrence.id)).toBe(false);
    // Learnt later: the work had started at hour 2. The stored start stays the first recorded.
    await insertEvent(occurrence.id, 'started', new Date(opens + 2 * HOUR_MS));
    expect(await marked(occurrence.id)).toBe(true);
    const [atHourFive] = await workAt(occurrence.id, [new Date(opens + 5 * HOUR_MS)]);
    expect(atHourFive).toMatchObject({ from_events: 'in_progress', from_instants: 'not_started' });
  });

  it('leaves unmarked a completion from late evidence: it counts from when it was recorded', async () => {
    const occurrence = freshOccurrence();
    const opens = occurrence.opens_at.getTime();
    // A backup run of hour 1 reported at hour 50: done from hour 50 at past instants, as before.
    await insertEvent(
      occurrence.id,
      'completed',
      new Date(opens + 50 * HOUR_MS),
      new Date(opens + HOUR_MS),
    );
    expect(await marked(occurrence.id)).toBe(false);
    const rows = await workAt(occurrence.id, [
      new Date(opens + 2 * HOUR_MS),
      new Date(opens + 50 * HOUR_MS),
    ]);
    expect(rows.map((row) => [row.from_events, row.from_instants])).toEqual([
      ['not_started', 'not_started'],
      ['done', 'done'],
    ]);
  });

  it('marks a rejection, after which only the events tell the work', async () => {
    const occurrence = freshOccurrence();
    const opens = occurrence.opens_at.getTime();
    await insertEvent(occurrence.id, 'completed', new Date(opens + 4 * HOUR_MS));
    await insertEvent(occurrence.id, 'rejected', new Date(opens + 20 * HOUR_MS));
    await insertEvent(occurrence.id, 'completed', new Date(opens + 40 * HOUR_MS));
    expect(await marked(occurrence.id)).toBe(true);
    const [between] = await workAt(occurrence.id, [new Date(opens + 10 * HOUR_MS)]);
    expect(between).toMatchObject({ from_events: 'done', from_instants: 'not_started' });
  });

  it('gives what the events give at every instant unless marked, for any events in any order', async () => {
    const event = fc.record({
      kind: fc.constantFrom(...OCCURRENCE_EVENT_KINDS),
      hours: fc.integer({ min: 0, max: 60 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 6 }), async (events) => {
        const occurrence = freshOccurrence();
        const opens = occurrence.opens_at.getTime();
        for (const { kind, hours } of events) {
          await insertEvent(occurrence.id, kind, new Date(opens + hours * HOUR_MS));
        }
        const instants = Array.from(
          { length: 62 },
          (_, hours) => new Date(opens + hours * HOUR_MS),
        );
        if (await marked(occurrence.id)) return;
        for (const row of await workAt(occurrence.id, instants)) {
          expect({ at: row.at, work: row.from_instants }).toEqual({
            at: row.at,
            work: row.from_events,
          });
        }
      }),
      { numRuns: 60, seed: 20261208 },
    );
  }, 120_000);

  it('gives the same posture at past instants as reading every occurrence’s events', async () => {
    // Work on a stretch of occurrences, some rejected, then ask about instants within it.
    for (const [index, occurrence] of occurrences.slice(100, 140).entries()) {
      const opens = occurrence.opens_at.getTime();
      await insertEvent(occurrence.id, 'started', new Date(opens + HOUR_MS));
      if (index % 4 === 3) continue;
      await insertEvent(occurrence.id, 'completed', new Date(opens + 30 * HOUR_MS));
      if (index % 4 === 1)
        await insertEvent(occurrence.id, 'rejected', new Date(opens + 50 * HOUR_MS));
      if (index % 4 === 2)
        await insertEvent(occurrence.id, 'verified', new Date(opens + 60 * HOUR_MS));
    }
    clock.set('2026-12-01T00:00:00Z');
    const instants = [100, 110, 120, 130].map((index) =>
      new Date(occurrences[index]!.opens_at.getTime() + 40 * HOUR_MS).toISOString(),
    );
    const answers = async () =>
      Promise.all(
        instants.map(async (at) => ({
          posture: await evaluatePosture(t.ctx, { at, atRiskDays: 7 }),
          perAsset: await listAssetPosture(t.ctx, { at, atRiskDays: 7 }),
        })),
      );
    const fromInstants = await answers();
    const before = await marks();
    try {
      await sql`update occurrence_state set past_work_from_events = true`.execute(t.ctx.db);
      expect(await answers()).toEqual(fromInstants);
    } finally {
      await sql`update occurrence_state set past_work_from_events = false`.execute(t.ctx.db);
      await pastWorkMigration.up(t.ctx.db);
    }
    // The migration's backfill marks exactly what the trigger marked, event by event.
    expect(await marks()).toEqual(before);
    expect(before.some((mark) => mark.endsWith(':true'))).toBe(true);
  });
});
