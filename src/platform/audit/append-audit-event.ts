import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { GENESIS_HASH, hashAuditEvent, toStoredJson } from './audit-hash.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Arbitrary constant naming the advisory lock that serialises appends to the chain. */
const AUDIT_CHAIN_LOCK = 0x504c4d42;

const INSERT_CHUNK = 500;

/**
 * Appends events to the hash chain inside the caller's transaction. A transaction-scoped
 * advisory lock makes concurrent writers (several instances on one PostgreSQL) append one at a
 * time, so the chain never forks; the lock is released at commit or rollback. Many entries are
 * chained in memory and inserted in chunks, which keeps bulk imports fast.
 */
export async function appendAuditEvents(
  trx: Transaction<Database> | Kysely<Database>,
  actor: Actor,
  at: Date,
  entries: AuditEntry[],
): Promise<{ seq: string; hash: string } | null> {
  if (entries.length === 0) return null;
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last ? BigInt(last.seq) : 0n;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const occurredAt = at.toISOString();
  const rows = entries.map((entry) => {
    seq += 1n;
    const id = randomUUID();
    const before = toStoredJson(entry.before);
    const after = toStoredJson(entry.after);
    const hash = hashAuditEvent(prevHash, {
      seq: String(seq),
      id,
      occurredAt,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before,
      after,
    });
    const row = {
      seq: String(seq),
      id,
      occurred_at: at,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let index = 0; index < rows.length; index += INSERT_CHUNK) {
    await trx
      .insertInto('audit_events')
      .values(rows.slice(index, index + INSERT_CHUNK))
      .execute();
  }
  return { seq: String(seq), hash: prevHash };
}
