import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Claims one slot of a periodic job (e.g. job "generate-occurrences", slot "2026-03-01T10:00Z").
 * Exactly one caller gets `true` per (job, slot), however many instances share the database:
 * the primary key makes the second insert a no-op.
 */
export async function claimJobSlot(
  db: Kysely<Database>,
  job: string,
  slot: string,
  instanceId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('job_claims')
    .values({ job, slot, claimed_by: instanceId, claimed_at: now })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('job')
    .execute();
  return inserted.length === 1;
}

/** Records that the work of a claimed slot finished (for the metrics' evaluation lag). */
export async function completeJobSlot(
  db: Kysely<Database>,
  job: string,
  slot: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('job_claims')
    .set({ completed_at: now })
    .where('job', '=', job)
    .where('slot', '=', slot)
    .execute();
}

/** When the job last finished a slot on any instance, or null if it never has. */
export async function lastJobCompletion(db: Kysely<Database>, job: string): Promise<Date | null> {
  const row = await db
    .selectFrom('job_claims')
    .select((eb) => eb.fn.max('completed_at').as('latest'))
    .where('job', '=', job)
    .executeTakeFirst();
  return row?.latest ?? null;
}
