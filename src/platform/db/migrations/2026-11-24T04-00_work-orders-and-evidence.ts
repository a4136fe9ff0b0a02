import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Work orders (preventive, one per occurrence; corrective, free-standing) with their checklist
// and history, evidence files (immutable rows pointing into the encrypted content-addressed
// store), electronic signatures, and nonconformances raised from missed critical occurrences.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurrence_id', 'uuid', (c) =>
      c.unique().references('occurrences.id').onDelete('restrict'),
    )
    .addColumn('control_id', 'uuid', (c) => c.references('controls.id').onDelete('restrict'))
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id').onDelete('restrict'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('performer_id', 'text')
    .addColumn('performer_label', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completion_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_orders_status_idx')
    .on('work_orders')
    .columns(['status', 'owner_role'])
    .execute();

  await db.schema
    .createTable('work_order_checklist_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('work_order_id', 'uuid', (c) =>
      c.notNull().references('work_orders.id').onDelete('restrict'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('done', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'timestamptz')
    .addUniqueConstraint('work_order_checklist_position_unique', ['work_order_id', 'position'])
    .execute();

  await db.schema
    .createTable('work_order_events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('work_order_id', 'uuid', (c) =>
      c.notNull().references('work_orders.id').onDelete('restrict'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signature_id', 'uuid')
    .execute();
  await db.schema
    .createIndex('work_order_events_work_order_idx')
    .on('work_order_events')
    .columns(['work_order_id', 'seq'])
    .execute();

  await db.schema
    .createTable('evidence_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('occurrence_id', 'uuid', (c) => c.references('occurrences.id').onDelete('restrict'))
    .addColumn('work_order_id', 'uuid', (c) => c.references('work_orders.id').onDelete('restrict'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_files_occurrence_idx')
    .on('evidence_files')
    .columns(['occurrence_id'])
    .execute();
  await db.schema
    .createIndex('evidence_files_work_order_idx')
    .on('evidence_files')
    .columns(['work_order_id'])
    .execute();

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('signer_id', 'text', (c) => c.notNull())
    .addColumn('signer_label', 'text', (c) => c.notNull())
    .addColumn('signer_role', 'text', (c) => c.notNull())
    .addColumn('meaning', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('record_sha256', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('signatures_entity_idx')
    .on('signatures')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await db.schema
    .createTable('nonconformances')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('nonconformances_source_unique', ['source_type', 'source_id'])
    .execute();
}
