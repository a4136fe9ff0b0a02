import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash.js';

export interface AuditChainReport {
  valid: boolean;
  eventCount: number;
  headHash: string;
  /** The first event that does not fit the chain, if any. */
  firstBroken: { seq: string; reason: string } | null;
}

const PAGE_SIZE = 2000;

/**
 * Re-computes every link of the audit chain in sequence order. Detects an edited event (its hash
 * no longer matches), a deleted or reordered event (the sequence has a gap, or the previous-hash
 * pointer does not match the event before it) and an inserted one.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditChainReport> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  let afterSeq: string | null = null;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(PAGE_SIZE);
    if (afterSeq !== null) query = query.where('seq', '>', afterSeq);
    const rows = await query.execute();
    for (const row of rows) {
      const broken = (reason: string): AuditChainReport => ({
        valid: false,
        eventCount: count,
        headHash: expectedPrev,
        firstBroken: { seq: row.seq, reason },
      });
      if (BigInt(row.seq) !== expectedSeq) {
        return broken(
          `expected event ${expectedSeq} but found ${row.seq}: an event is missing or out of order`,
        );
      }
      if (row.prev_hash !== expectedPrev) {
        return broken(
          'its previous-hash does not match the event before it: an event was removed, inserted or reordered',
        );
      }
      const recomputed = hashAuditEvent(row.prev_hash, {
        seq: row.seq,
        id: row.id,
        occurredAt: row.occurred_at.toISOString(),
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before,
        after: row.after,
      });
      if (recomputed !== row.hash) {
        return broken('its content does not match its hash: the event was altered');
      }
      expectedPrev = row.hash;
      expectedSeq += 1n;
      count += 1;
    }
    if (rows.length < PAGE_SIZE) break;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  return { valid: true, eventCount: count, headHash: expectedPrev, firstBroken: null };
}
