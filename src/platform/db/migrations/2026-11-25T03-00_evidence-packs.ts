import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Evidence packs: the instance's Ed25519 signing key (private half sealed with the instance key)
// and the pack generation jobs with their progress.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pack_signing_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // One key in use at a time: a constant column under a unique index, so two instances that
    // race to create the first key keep exactly one.
    .addColumn('slot', 'text', (c) => c.notNull().defaultTo('current'))
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('pack_signing_keys_slot_unique', ['slot'])
    .execute();

  await db.schema
    .createTable('evidence_packs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('framework_key', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('files_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('files_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('size_bytes', 'bigint')
    .addColumn('manifest_sha256', 'text')
    .addColumn('signing_key_fingerprint', 'text')
    .addColumn('error', 'text')
    .addColumn('requested_by_id', 'text')
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('evidence_packs_requested_idx')
    .on('evidence_packs')
    .columns(['requested_at', 'id'])
    .execute();
}
