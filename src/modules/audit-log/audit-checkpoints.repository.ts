import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AUDIT_CHECKPOINT_FORMAT, type AuditCheckpoint } from './audit-checkpoint.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const fromRow = (row: {
  seq: string;
  hash: string;
  checkpointed_at: Date;
  key_fingerprint: string;
  signature: string;
}): AuditCheckpoint => ({
  format: AUDIT_CHECKPOINT_FORMAT,
  seq: row.seq,
  hash: row.hash,
  at: row.checkpointed_at.toISOString(),
  keyFingerprint: row.key_fingerprint,
  signature: row.signature,
});

/** The signed checkpoints of the audit chain, and the chain's head and links they are held against. */
export const auditCheckpointsRepository = {
  insert: (db: Db, checkpoint: AuditCheckpoint) =>
    db
      .insertInto('audit_checkpoints')
      .values({
        seq: checkpoint.seq,
        hash: checkpoint.hash,
        checkpointed_at: checkpoint.at,
        key_fingerprint: checkpoint.keyFingerprint,
        signature: checkpoint.signature,
      })
      .execute(),

  /** Newest first, a page at a time (`beforeSeq` from the last one of the previous page). */
  async newestFirst(db: Db, beforeSeq: string | null, limit: number): Promise<AuditCheckpoint[]> {
    let query = db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(limit);
    if (beforeSeq !== null) query = query.where('seq', '<', beforeSeq);
    return (await query.execute()).map(fromRow);
  },

  newestSeq: async (db: Db) =>
    (
      await db
        .selectFrom('audit_checkpoints')
        .select('seq')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.seq ?? null,

  /** The newest audit event: the head of the chain. */
  chainHead: (db: Db) =>
    db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst(),

  eventHash: async (db: Db, seq: string) =>
    (await db.selectFrom('audit_events').select('hash').where('seq', '=', seq).executeTakeFirst())
      ?.hash ?? null,
};
