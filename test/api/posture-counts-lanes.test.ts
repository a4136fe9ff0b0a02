import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CATALOG = {
  frameworks: [
    {
      key: 'lanesfw',
      title: 'Lanes framework',
      kind: 'internal',
      issuer: 'Quality',
      description: 'Posture counts lanes test framework.',
      requirements: [{ key: 'lanesfw:1', title: 'Work', summary: 'Recurring work.' }],
    },
  ],
  controls: ['lanes-a', 'lanes-b'].map((key) => ({
    key,
    title: `Check ${key}`,
    theme: 'lanes-test',
    objective: 'A check whose occurrences this test writes itself.',
    ownerRole: 'engineering',
    perAsset: true,
    scope: {},
    cadence: { frequency: 'monthly', startsOn: '2026-01-01' },
    evaluation: { mode: 'manual' },
    evidenceExpected: [{ kind: 'record', description: 'A record.' }],
    requirements: ['lanesfw:1'],
  })),
};

const DAY_MS = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const ASSETS = ['lane-1', 'lane-2', ''];
const DAYS = 12;

interface Lane {
  control: number;
  asset: number;
  /** Index into the trigger events, or null for a cadence lane. */
  trigger: number | null;
}

/** What posture_counts must hold: the occurrences as they stand, grouped (the migration's backfill). */
const recomputedCounts = (t: TestApp) =>
  sql<{ key: string; occurrences: number }>`
    select concat_ws('|', l.control_id, l.due_at, l.opens_at, l.closes_at,
      coalesce(l.successor_due_at, 'infinity'), coalesce(l.successor_closes_at, 'infinity'),
      coalesce(s.work_state, 'not_started')) as key, count(*)::int as occurrences
    from (
      select o.id, o.control_id, o.due_at, o.opens_at, o.closes_at,
        lead(o.due_at) over lane as successor_due_at,
        lead(o.closes_at) over lane as successor_closes_at
      from occurrences o
      window lane as (partition by o.control_id, o.asset_key, o.trigger_event_id
        order by o.due_at)
    ) l
    left join occurrence_state s on s.occurrence_id = l.id
    group by 1
    order by 1`
    .execute(t.ctx.db)
    .then((result) => result.rows);

const storedCounts = (t: TestApp) =>
  sql<{ key: string; occurrences: number }>`
    select concat_ws('|', control_id, due_at, opens_at, closes_at, successor_due_at,
      successor_closes_at, work_state) as key, occurrences
    from posture_counts where occurrences <> 0 order by 1`
    .execute(t.ctx.db)
    .then((result) => result.rows);

describe('posture counts kept by the trigger on new occurrences', () => {
  let t: TestApp;
  let controlIds: string[] = [];
  let triggerEventIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock('2026-03-01T00:00:00Z') });
    const admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    const controls = await t.ctx.db
      .selectFrom('controls')
      .select(['id', 'key'])
      .where('key', 'in', ['lanes-a', 'lanes-b'])
      .orderBy('key')
      .execute();
    controlIds = controls.map((control) => control.id);
    const events = await t.ctx.db
      .insertInto('trigger_events')
      .values(
        [1, 2].map((index) => ({
          type: 'lanes-test',
          asset_id: null,
          at: new Date(START),
          target_at: null,
          details: '{}',
          external_id: `lanes-test-${index}`,
          recorded_by: 'test',
          recorded_at: new Date(START),
        })),
      )
      .returning('id')
      .execute();
    triggerEventIds = events.map((event) => event.id);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function clear() {
    await sql`delete from occurrence_state`.execute(t.ctx.db);
    await sql`delete from occurrence_events`.execute(t.ctx.db);
    await sql`delete from occurrences`.execute(t.ctx.db);
    await sql`delete from posture_counts`.execute(t.ctx.db);
  }

  const laneArbitrary = fc.record({
    control: fc.nat({ max: 1 }),
    asset: fc.nat({ max: ASSETS.length - 1 }),
    trigger: fc.option(fc.nat({ max: 1 }), { nil: null }),
  });

  it('match the occurrences however their lanes are filled: appended, before, between, several at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            occurrences: fc.uniqueArray(
              fc.record({ lane: laneArbitrary, day: fc.nat({ max: DAYS - 1 }) }),
              {
                minLength: 1,
                maxLength: 12,
                selector: (o) => `${o.lane.control} ${o.lane.asset} ${o.lane.trigger} ${o.day}`,
              },
            ),
            completeOne: fc.option(fc.nat(), { nil: null }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (statements) => {
          await clear();
          for (const [index, statement] of statements.entries()) {
            // One statement: an occurrence of a lane and day that exists already is skipped.
            await sql`
              insert into occurrences (control_id, period_key, asset_key, asset_id,
                trigger_event_id, opens_at, due_at, closes_at, critical, owner_role, generated_at)
              values ${sql.join(
                statement.occurrences.map(({ lane, day }: { lane: Lane; day: number }) => {
                  const due = START + (day + 1) * DAY_MS;
                  return sql`(${controlIds[lane.control]}::uuid, ${`day-${day}`},
                    ${ASSETS[lane.asset]}, null,
                    ${lane.trigger === null ? null : triggerEventIds[lane.trigger]}::uuid,
                    ${new Date(due - DAY_MS)}, ${new Date(due)}, ${new Date(due + DAY_MS)},
                    false, 'engineering', ${new Date(START + index * 3_600_000)})`;
                }),
              )}
              on conflict (control_id, period_key, asset_key) do nothing`.execute(t.ctx.db);
            // Work on an occurrence that exists, so that moved predecessors carry a work state.
            if (statement.completeOne !== null) {
              const all = await t.ctx.db
                .selectFrom('occurrences')
                .select(['id', 'opens_at'])
                .orderBy('id')
                .execute();
              const chosen = all[statement.completeOne % all.length]!;
              await t.ctx.db
                .insertInto('occurrence_events')
                .values({
                  occurrence_id: chosen.id,
                  kind: 'completed',
                  at: new Date(chosen.opens_at.getTime() + 3_600_000),
                  actor_id: null,
                  actor_label: 'someone@example.test',
                })
                .execute();
            }
            expect(await storedCounts(t)).toEqual(await recomputedCounts(t));
          }
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
  }, 300_000);

  it('match the occurrences when a year is generated period by period and then back-filled', async () => {
    await clear();
    const lanes: Lane[] = [0, 1].flatMap((control) =>
      ASSETS.map((_, asset) => ({ control, asset, trigger: null })),
    );
    const insertDays = (days: number[]) =>
      sql`
        insert into occurrences (control_id, period_key, asset_key, asset_id, trigger_event_id,
          opens_at, due_at, closes_at, critical, owner_role, generated_at)
        values ${sql.join(
          days.flatMap((day) =>
            lanes.map((lane) => {
              const due = START + (day + 1) * DAY_MS;
              return sql`(${controlIds[lane.control]}::uuid, ${`day-${day}`}, ${ASSETS[lane.asset]},
                null, null, ${new Date(due - DAY_MS)}, ${new Date(due)},
                ${new Date(due + DAY_MS)}, false, 'engineering', ${new Date(START)})`;
            }),
          ),
        )}`.execute(t.ctx.db);
    // Every other day first, a few days a statement (as generation appends), then the gaps.
    for (const days of [[0, 2], [4, 6, 8], [10]]) await insertDays(days);
    await insertDays([1, 5]);
    await insertDays([3, 7, 9, 11]);
    expect(await storedCounts(t)).toEqual(await recomputedCounts(t));
    expect((await storedCounts(t)).length).toBe(2 * DAYS);
  });
});
