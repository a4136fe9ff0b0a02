import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { OccurrenceEventKind } from '../../src/modules/occurrences/occurrence-status.js';
import { postureInputs } from '../../src/modules/posture/posture-inputs.js';
import { postureCountsRepository } from '../../src/modules/posture/posture-counts.repository.js';
import {
  postureRepository,
  type CurrentCountsRow,
} from '../../src/modules/posture/posture.repository.js';
import * as postureCountsMigration from '../../src/platform/db/migrations/2026-12-03T04-00_posture-counts.js';
import { FixedClock } from '../../src/platform/clock.js';
import { occurrencesByDeadline } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const control = (key: string, frequency: string, perAsset: boolean) => ({
  key,
  title: `${frequency} check`,
  theme: 'counts-test',
  objective: `A ${frequency} check.`,
  ownerRole: 'engineering',
  perAsset,
  ...(perAsset ? { scope: {} } : {}),
  cadence: { frequency, startsOn: '2026-01-01' },
  evaluation: { mode: 'manual' },
  evidenceExpected: [{ kind: 'record', description: 'A record.' }],
  requirements: ['countsfw:1'],
});

const CATALOG = {
  frameworks: [
    {
      key: 'countsfw',
      title: 'Counts framework',
      kind: 'internal',
      issuer: 'Quality',
      description: 'Posture counts test framework.',
      requirements: [{ key: 'countsfw:1', title: 'Work', summary: 'Recurring work.' }],
    },
  ],
  controls: [
    control('counts-daily', 'daily', false),
    control('counts-weekly', 'weekly', true),
    control('counts-monthly', 'monthly', true),
  ],
};

/** Legal sequences of work on one occurrence (hours after it opens). */
const SCRIPTS: { kind: OccurrenceEventKind; hours: number }[][] = [
  [{ kind: 'completed', hours: 2 }],
  [
    { kind: 'completed', hours: 5 },
    { kind: 'verified', hours: 30 },
  ],
  [{ kind: 'started', hours: 1 }],
  [{ kind: 'not_applicable', hours: 3 }],
  [
    { kind: 'completed', hours: 4 },
    { kind: 'rejected', hours: 20 },
  ],
  [
    { kind: 'started', hours: 1 },
    { kind: 'completed', hours: 200 },
    { kind: 'rejected', hours: 220 },
    { kind: 'completed', hours: 400 },
    { kind: 'verified', hours: 900 },
  ],
];

const HOUR_MS = 3_600_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const AFTER_EVERYTHING = '2026-09-01T00:00:00Z';

/** Rows with any current occurrence, in control order: what both queries must agree on. */
const comparable = (rows: Omit<CurrentCountsRow, 'asset_key'>[]) =>
  rows
    .filter(
      (row) => row.failing + row.at_risk + row.verified + row.not_applicable + row.pending > 0,
    )
    .sort((a, b) => a.control_id.localeCompare(b.control_id));

describe('posture counts (live posture fast path)', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  let occurrences: { id: string; opens_at: Date }[] = [];
  const worked = new Set<string>();

  async function bothAt(at: string, atRiskDays: number) {
    const inputs = await postureInputs(t.ctx, { at, atRiskDays });
    const args = [t.ctx.db, inputs.at, inputs.atRiskUntil, inputs.lookbacks] as const;
    return {
      counted: await postureCountsRepository.currentCountsByControl(...args),
      reference: await postureRepository.currentCountsByControl(...args),
    };
  }

  const storedCounts = async () =>
    (
      await sql<{ key: string; occurrences: number }>`
        select concat_ws('|', control_id, due_at, opens_at, closes_at, successor_due_at,
          successor_closes_at, work_state) as key, occurrences
        from posture_counts where occurrences <> 0 order by 1`.execute(t.ctx.db)
    ).rows;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    for (const key of ['srv-1', 'srv-2', 'srv-3']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `${key} server`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(created.statusCode).toBe(201);
    }
    // Two generations, the second later and overlapping: new occurrences become the successors
    // of ones generated before, and some are generated after instants the test asks about.
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-03-15T00:00:00Z'),
    });
    clock.set('2026-03-01T00:00:00Z');
    await generateOccurrences(t.ctx, {
      from: new Date('2026-02-01T00:00:00Z'),
      until: new Date('2026-07-01T00:00:00Z'),
    });
    occurrences = await occurrencesByDeadline(t);
    expect(occurrences.length).toBeGreaterThan(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('gives the counts the reference computation gives, or none, for any instant', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            occurrence: fc.nat({ max: occurrences.length - 1 }),
            script: fc.nat({ max: SCRIPTS.length - 1 }),
            shiftHours: fc.integer({ min: 0, max: 24 * 40 }),
          }),
          { maxLength: 25 },
        ),
        fc.array(fc.integer({ min: 0, max: 240 * 24 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0, 3, 7, 30),
        async (work, hours, atRiskDays) => {
          for (const item of work) {
            const occurrence = occurrences[item.occurrence]!;
            if (worked.has(occurrence.id)) continue;
            worked.add(occurrence.id);
            for (const event of SCRIPTS[item.script]!) {
              const at = occurrence.opens_at.getTime() + (item.shiftHours + event.hours) * HOUR_MS;
              await t.ctx.db
                .insertInto('occurrence_events')
                .values({
                  occurrence_id: occurrence.id,
                  kind: event.kind,
                  at: new Date(at),
                  actor_id: null,
                  actor_label: 'someone@example.test',
                })
                .execute();
            }
          }
          const instants = [
            ...hours.map((hour) => new Date(YEAR_START + hour * HOUR_MS).toISOString()),
            AFTER_EVERYTHING,
          ];
          for (const at of instants) {
            const { counted, reference } = await bothAt(at, atRiskDays);
            if (at === AFTER_EVERYTHING) expect(counted).not.toBeNull();
            if (counted === null) continue;
            answered += 1;
            expect(comparable(counted)).toEqual(comparable(reference));
          }
        },
      ),
      { numRuns: 30, seed: 20261203 },
    );
    expect(answered).toBeGreaterThan(30);
  }, 300_000);

  it('declines an instant before the latest generation of the deadlines it reads', async () => {
    // Generated on 1 March: the counts of February's deadlines include successors generated then.
    const { counted } = await bothAt('2026-02-10T12:00:00Z', 7);
    expect(counted).toBeNull();
  });

  it('is rebuilt by the migration from the occurrences and their states (backfill)', async () => {
    const before = await storedCounts();
    expect(before.length).toBeGreaterThan(10);
    const answerBefore = await bothAt(AFTER_EVERYTHING, 7);
    await sql`drop trigger occurrences_posture_counts on occurrences`.execute(t.ctx.db);
    await sql`drop trigger occurrence_state_posture_counts_insert on occurrence_state`.execute(
      t.ctx.db,
    );
    await sql`drop trigger occurrence_state_posture_counts_update on occurrence_state`.execute(
      t.ctx.db,
    );
    await sql`drop trigger occurrence_events_posture_counts on occurrence_events`.execute(t.ctx.db);
    await sql`drop function posture_counts_after_occurrences()`.execute(t.ctx.db);
    await sql`drop function posture_counts_after_events()`.execute(t.ctx.db);
    await sql`drop table posture_count_deltas`.execute(t.ctx.db);
    await sql`drop function posture_counts_after_state()`.execute(t.ctx.db);
    await sql`drop function posture_counts_apply(jsonb)`.execute(t.ctx.db);
    await sql`drop table posture_counts`.execute(t.ctx.db);
    await sql`drop index occurrences_lane_due_idx`.execute(t.ctx.db);
    await postureCountsMigration.up(t.ctx.db);
    expect(await storedCounts()).toEqual(before);
    const answerAfter = await bothAt(AFTER_EVERYTHING, 7);
    expect(answerAfter.counted).toEqual(answerBefore.counted);
  });
});
