import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Change records (docs/changes.md): a change with its affected assets, approval and verification
// signatures and the occurrences its timestamps decide; and the delivery events (GitHub
// pull_request and deployment_status webhooks, plain CI deploy events) received for them, once per
// delivery id, a deployment to production without an approved change flagged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('standard', 'normal', 'emergency')`),
    )
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('conformity_impact', 'text', (c) => c.notNull())
    .addColumn('test_summary', 'text', (c) => c.notNull())
    .addColumn('rollback_plan', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('planned_start', 'timestamptz')
    .addColumn('planned_end', 'timestamptz')
    .addColumn('requester_id', 'uuid')
    .addColumn('requester_label', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by', 'text')
    .addColumn('approval_signature_id', 'uuid')
    .addColumn('approval_occurrence_id', 'uuid', (c) => c.references('occurrences.id'))
    .addColumn('implemented_at', 'timestamptz')
    .addColumn('implemented_by', 'text')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by', 'text')
    .addColumn('verification_outcome', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('verification_signature_id', 'uuid')
    .addColumn('verification_occurrence_id', 'uuid', (c) => c.references('occurrences.id'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('closing_note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // One change per pull request (or other source record), however often its webhook arrives.
  await sql`create unique index changes_source_unique on changes (source, source_ref) where source_ref is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('changes_requested_idx')
    .on('changes')
    .columns(['requested_at', 'id'])
    .execute();

  await db.schema
    .createTable('change_assets')
    .addColumn('change_id', 'uuid', (c) => c.notNull().references('changes.id'))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('change_assets_pk', ['change_id', 'asset_id'])
    .execute();
  await db.schema
    .createIndex('change_assets_asset_idx')
    .on('change_assets')
    .columns(['asset_id'])
    .execute();

  await db.schema
    .createTable('change_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('environment', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('change_id', 'uuid', (c) => c.references('changes.id'))
    .addColumn('asset_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('production', 'boolean', (c) => c.notNull())
    .addColumn('flagged', 'boolean', (c) => c.notNull())
    .addColumn('flag_reason', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_events_received_idx')
    .on('change_events')
    .columns(['received_at', 'id'])
    .execute();
}
