import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Occurrences are immutable: one row per control × period (× asset), unique, never reset. What
// happens to them is an append-only list of occurrence_events from which the status at any
// instant is derived. Work orders, checklists, evidence, signatures and nonconformances hang off
// them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trigger_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id').onDelete('restrict'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('target_at', 'timestamptz')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('occurrences')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('control_id', 'uuid', (c) =>
      c.notNull().references('controls.id').onDelete('restrict'),
    )
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('asset_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id').onDelete('restrict'))
    .addColumn('trigger_event_id', 'uuid', (c) =>
      c.references('trigger_events.id').onDelete('restrict'),
    )
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('critical', 'boolean', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('occurrences_control_period_asset_unique', [
      'control_id',
      'period_key',
      'asset_key',
    ])
    .execute();
  await db.schema
    .createIndex('occurrences_due_idx')
    .on('occurrences')
    .columns(['due_at'])
    .execute();
  await db.schema
    .createIndex('occurrences_control_opens_idx')
    .on('occurrences')
    .columns(['control_id', 'opens_at'])
    .execute();
  await db.schema
    .createIndex('occurrences_asset_idx')
    .on('occurrences')
    .columns(['asset_id'])
    .execute();

  await db.schema
    .createTable('occurrence_events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('occurrence_id', 'uuid', (c) =>
      c.notNull().references('occurrences.id').onDelete('restrict'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signature_id', 'uuid')
    .execute();
  await db.schema
    .createIndex('occurrence_events_occurrence_idx')
    .on('occurrence_events')
    .columns(['occurrence_id', 'at'])
    .execute();
}
