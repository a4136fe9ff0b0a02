import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code and is never edited after release.
//
// The catalogue: frameworks, their requirements, controls and which requirements each control
// satisfies. Rows are never deleted: an object that leaves the catalogue gets `retired_at`, so
// evidence and occurrences recorded against it keep their meaning. `content_hash` identifies a
// version of an object's content and `version` counts its changes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('frameworks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('requirements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('framework_id', 'uuid', (c) =>
      c.notNull().references('frameworks.id').onDelete('restrict'),
    )
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('requirements_framework_idx')
    .on('requirements')
    .columns(['framework_id', 'position'])
    .execute();

  await db.schema
    .createTable('controls')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('objective', 'text', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('critical', 'boolean', (c) => c.notNull())
    .addColumn('per_asset', 'boolean', (c) => c.notNull())
    .addColumn('scope', 'jsonb')
    .addColumn('cadence', 'jsonb')
    .addColumn('sla', 'jsonb')
    .addColumn('evaluation', 'jsonb', (c) => c.notNull())
    .addColumn('checklist', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('evidence_expected', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // A control runs on a calendar or on an SLA clock, never both and never neither.
    .addCheckConstraint('controls_one_schedule', sql`(cadence is null) <> (sla is null)`)
    .execute();

  await db.schema
    .createTable('control_requirements')
    .addColumn('control_id', 'uuid', (c) =>
      c.notNull().references('controls.id').onDelete('restrict'),
    )
    .addColumn('requirement_id', 'uuid', (c) =>
      c.notNull().references('requirements.id').onDelete('restrict'),
    )
    .addPrimaryKeyConstraint('control_requirements_pk', ['control_id', 'requirement_id'])
    .execute();
  await db.schema
    .createIndex('control_requirements_requirement_idx')
    .on('control_requirements')
    .column('requirement_id')
    .execute();

  // One row per apply that changed something: which catalogue (by hash) was applied, by whom and
  // from where. `origin` tells whether the organisation has taken the catalogue over from the
  // built-in one, after which the server stops re-applying the built-in catalogue at start.
  await db.schema
    .createTable('catalog_revisions')
    .addColumn('revision', 'integer', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('catalog_hash', 'text', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
