import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Signed checkpoints of the audit chain: the head (sequence number and hash of that event) at an
// instant, signed with the instance's Ed25519 key, so deleting the newest events is detected.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('checkpointed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_fingerprint', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
}
