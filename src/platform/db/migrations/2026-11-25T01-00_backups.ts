import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Backup assurance: policies (per asset, or a default per tag or category) and the runs that
// backup tools report. A run is an immutable record of what a tool said; it is identified by the
// tool and the tool's own id so the same output imported twice is stored once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('backup_policies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    // Exactly one of asset, tag or category says what the policy covers.
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id').onDelete('restrict'))
    .addColumn('tag', 'text')
    .addColumn('category', 'text')
    // ISO 8601 durations (P1D, P7D, PT2H…), as the catalogue writes them.
    .addColumn('incremental_every', 'text')
    .addColumn('full_every', 'text')
    .addColumn('grace', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('rpo', 'text', (c) => c.notNull())
    .addColumn('rto', 'text', (c) => c.notNull())
    .addColumn('encryption_required', 'boolean', (c) => c.notNull())
    .addColumn('offsite_required', 'boolean', (c) => c.notNull())
    .addColumn('required_regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('alert_recipients', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz')
    .addCheckConstraint(
      'backup_policies_scope_check',
      sql`(scope_kind = 'asset' and asset_id is not null and tag is null and category is null)
       or (scope_kind = 'tag' and asset_id is null and tag is not null and category is null)
       or (scope_kind = 'category' and asset_id is null and tag is null and category is not null)`,
    )
    .execute();
  // One live policy per asset, per tag and per category.
  await sql`create unique index backup_policies_asset_unique on backup_policies (asset_id)
            where archived_at is null and scope_kind = 'asset'`.execute(db);
  await sql`create unique index backup_policies_tag_unique on backup_policies (tag)
            where archived_at is null and scope_kind = 'tag'`.execute(db);
  await sql`create unique index backup_policies_category_unique on backup_policies (category)
            where archived_at is null and scope_kind = 'category'`.execute(db);

  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('job', 'text')
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('backup_type', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('recovery_point_id', 'text')
    .addColumn('recovery_point_at', 'timestamptz')
    .addColumn('encrypted', 'boolean')
    .addColumn('region', 'text')
    .addColumn('message', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('backup_runs_tool_external_id_unique', ['tool', 'external_id'])
    .execute();
  // Evaluation reads an asset's runs in time order: last success, gaps between successes.
  await db.schema
    .createIndex('backup_runs_asset_started_idx')
    .on('backup_runs')
    .columns(['asset_id', 'started_at'])
    .execute();
}
