import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Provisioning and decommissioning records (docs/lifecycle.md). A provisioning request carries its
// acceptance criteria, each verified by its own signature; a decommissioning record carries the
// retention decision, where data went, the sanitisation method and the removal checklist. An asset
// enters service only with a verified provisioning request or a pre-existing mark: the assets past
// `requested` when this migration runs got there before these records existed, so they are marked
// pre-existing here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('asset_pre_existing')
    .addColumn('asset_id', 'uuid', (c) =>
      c.primaryKey().references('assets.id').onDelete('cascade'),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .execute();
  await sql`
    insert into asset_pre_existing (asset_id, reason, marked_at, marked_by)
    select id, 'In the register as ' || lifecycle_status || ' before provisioning records existed', now(), 'migration'
    from assets where lifecycle_status <> 'requested'
  `.execute(db);

  await db.schema
    .createTable('provisioning_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'approved', 'provisioning', 'verified')`),
    )
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('security_considerations', 'text', (c) => c.notNull())
    .addColumn('configuration_reference', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_by_id', 'text', (c) => c.notNull())
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by_label', 'text')
    .addColumn('approval_signature_id', 'uuid')
    .addColumn('started_at', 'timestamptz')
    .addColumn('implemented_by_id', 'text')
    .addColumn('implemented_by_label', 'text')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('provisioning_requests_asset_idx')
    .on('provisioning_requests')
    .columns(['asset_id', 'status'])
    .execute();
  await db.schema
    .createIndex('provisioning_requests_page_idx')
    .on('provisioning_requests')
    .columns(['requested_at', 'id'])
    .execute();

  await db.schema
    .createTable('provisioning_criteria')
    .addColumn('request_id', 'uuid', (c) =>
      c.notNull().references('provisioning_requests.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('observation', 'text')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verified_by_label', 'text')
    .addColumn('signature_id', 'uuid')
    .addPrimaryKeyConstraint('provisioning_criteria_pk', ['request_id', 'position'])
    .execute();

  await db.schema
    .createTable('decommissioning_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'signed')`))
    .addColumn('retention_decision', 'text', (c) => c.notNull())
    .addColumn('data_disposition', 'text', (c) =>
      c.notNull().check(sql`data_disposition in ('migrated', 'archived', 'nothing-retained')`),
    )
    .addColumn('data_location', 'text', (c) => c.notNull())
    .addColumn('sanitisation_method', 'text', (c) =>
      c.notNull().check(sql`sanitisation_method in ('clear', 'purge', 'destroy')`),
    )
    .addColumn('sanitisation_reference', 'text', (c) => c.notNull())
    .addColumn('access_removed', 'boolean', (c) => c.notNull())
    .addColumn('dns_removed', 'boolean', (c) => c.notNull())
    .addColumn('certificates_removed', 'boolean', (c) => c.notNull())
    .addColumn('monitoring_removed', 'boolean', (c) => c.notNull())
    .addColumn('shut_down_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz')
    .addColumn('signed_by_label', 'text')
    .addColumn('signature_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decommissioning_records_asset_idx')
    .on('decommissioning_records')
    .columns(['asset_id', 'status'])
    .execute();
  await db.schema
    .createIndex('decommissioning_records_page_idx')
    .on('decommissioning_records')
    .columns(['recorded_at', 'id'])
    .execute();
}
