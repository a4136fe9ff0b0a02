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
