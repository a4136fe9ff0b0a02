import fc from 'fast-check';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { USER_ROLES } from '../auth/roles.js';
import { FixedClock } from '../clock.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { appendAuditEvents } from './append-audit-event.js';
import { mutate } from './mutate.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const text = fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' });
const json = fc.option(fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' }), { nil: undefined });

const actorArbitrary: fc.Arbitrary<Actor> = fc.record({
  type: fc.constantFrom('user' as const, 'token' as const, 'system' as const),
  id: fc.option(fc.uuid(), { nil: null }),
  label: text,
  role: fc.constantFrom(...USER_ROLES),
});

const eventArbitrary = fc.record({
  actor: actorArbitrary,
  secondsLater: fc.integer({ min: 0, max: 86_400 }),
  entry: fc.record({
    action: text,
    entityType: text,
    entityId: text,
    before: json,
    after: json,
  }),
});

/** Ways to change one stored event; each one leaves a value that differs from the original. */
const EDITS = {
  id: sql`id = gen_random_uuid()`,
  occurred_at: sql`occurred_at = occurred_at + interval '1 second'`,
  actor_type: sql`actor_type = case actor_type when 'user' then 'system' else 'user' end`,
  actor_id: sql`actor_id = case when actor_id is null then 'intruder' else null end`,
  actor_label: sql`actor_label = actor_label || '.'`,
  action: sql`action = action || '.'`,
  entity_type: sql`entity_type = entity_type || '.'`,
  entity_id: sql`entity_id = entity_id || '.'`,
  before: sql`before = jsonb_build_array(before)`,
  after: sql`after = jsonb_build_array(after)`,
  prev_hash: sql`prev_hash = md5(prev_hash) || md5(prev_hash)`,
  hash: sql`hash = md5(hash) || md5(hash)`,
} as const;

type Tampering =
  | { kind: 'edit'; field: keyof typeof EDITS; position: number }
  | { kind: 'delete'; position: number }
  | { kind: 'swap'; first: number; second: number };

/** A tampering of a chain of `length` events, with positions counted from 1 like `seq`. */
function tamperingOf(length: number): fc.Arbitrary<Tampering> {
  const position = fc.integer({ min: 1, max: length });
  return fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      field: fc.constantFrom(...(Object.keys(EDITS) as (keyof typeof EDITS)[])),
      position,
    }),
    // Removing the newest event leaves a shorter valid chain; that needs an anchor kept
    // elsewhere, so deletions here are of events with a successor.
    fc.record({
      kind: fc.constant('delete' as const),
      position: fc.integer({ min: 1, max: length - 1 }),
    }),
    fc.uniqueArray(position, { minLength: 2, maxLength: 2 }).map(([a, b]) => ({
      kind: 'swap' as const,
      first: Math.min(a!, b!),
      second: Math.max(a!, b!),
    })),
  );
}

async function tamper(trx: Transaction<Database>, tampering: Tampering): Promise<void> {
  switch (tampering.kind) {
    case 'edit':
      await sql`update audit_events set ${EDITS[tampering.field]} where seq = ${tampering.position}`.execute(
        trx,
      );
      return;
    case 'delete':
      await sql`delete from audit_events where seq = ${tampering.position}`.execute(trx);
      return;
    case 'swap': {
      const { first, second } = tampering;
      await sql`update audit_events set seq = -1 where seq = ${first}`.execute(trx);
      await sql`update audit_events set seq = ${first} where seq = ${second}`.execute(trx);
      await sql`update audit_events set seq = ${second} where seq = -1`.execute(trx);
      return;
    }
  }
}

/** The first position the tampering touched: every event before it still verifies. */
function firstTouched(tampering: Tampering): number {
  switch (tampering.kind) {
    case 'edit':
    case 'delete':
      return tampering.position;
    case 'swap':
      return tampering.first;
  }
}

/** The event a verifier should point at: the edited one, the one after a gap, the earlier of a swap. */
function expectedBrokenSeq(tampering: Tampering): string {
  return String(tampering.kind === 'delete' ? tampering.position + 1 : firstTouched(tampering));
}

class RolledBack extends Error {}

describe('audit chain under tampering', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('verifies any untouched chain and names the first event of any single tampering', async () => {
    const scenario = fc
      .array(eventArbitrary, { minLength: 2, maxLength: 20 })
      .chain((events) => fc.tuple(fc.constant(events), tamperingOf(events.length)));
    await fc.assert(
      fc.asyncProperty(scenario, async ([events, tampering]) => {
        // Each run writes its chain and tampers with it in a transaction that is rolled back.
        await database.db
          .transaction()
          .execute(async (trx) => {
            let at = new Date('2026-01-01T00:00:00Z');
            for (const event of events) {
              at = new Date(at.getTime() + event.secondsLater * 1000);
              await appendAuditEvents(trx, event.actor, at, [event.entry]);
            }
            expect(await verifyAuditChain(trx)).toMatchObject({
              valid: true,
              eventCount: events.length,
              firstBroken: null,
            });
            await tamper(trx, tampering);
            const report = await verifyAuditChain(trx);
            expect(report.valid).toBe(false);
            expect(report.firstBroken?.seq).toBe(expectedBrokenSeq(tampering));
            expect(report.eventCount).toBe(firstTouched(tampering) - 1);
            throw new RolledBack();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RolledBack)) throw error;
          });
      }),
      { numRuns: 40 },
    );
    expect((await verifyAuditChain(database.db)).eventCount).toBe(0);
  });
});

describe('audit chain with concurrent writers', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('stays one unbroken chain when four writers append at once', async () => {
    const clock = new FixedClock('2026-02-01T00:00:00Z');
    const writers = [0, 1, 2, 3].map((writer): Actor => ({
      type: 'token',
      id: null,
      label: `writer-${writer}`,
      role: 'admin',
    }));
    await Promise.all(
      writers.map(async (actor) => {
        for (let index = 0; index < 25; index += 1) {
          await mutate({ db: database.db, clock }, actor, (tx) =>
            tx.audit({
              action: 'test.appended',
              entityType: 'writer',
              entityId: actor.label,
              after: { index },
            }),
          );
        }
      }),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({
      valid: true,
      eventCount: 100,
      firstBroken: null,
    });
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['seq', 'actor_label', 'after'])
      .orderBy('seq')
      .execute();
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => String(index + 1)));
    for (const actor of writers) {
      const own = rows.filter((row) => row.actor_label === actor.label);
      expect(own.map((row) => (row.after as { index: number }).index)).toEqual(
        Array.from({ length: 25 }, (_, index) => index),
      );
    }
  });
});
