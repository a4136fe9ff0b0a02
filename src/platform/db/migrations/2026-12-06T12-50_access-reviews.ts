import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Quarterly access reviews (docs/access-management.md). A campaign reviews one system (an asset)
// for one quarter; each item is an account of the system's latest snapshot, copied as it stood
// when the campaign started, with the owner's keep / revoke / change decision and comment. The
// signed campaign is the quarter's access-review record.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_review_campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    // The quarter reviewed, e.g. 2026-Q4 (the period key of the quarterly occurrences).
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull().references('account_snapshots.id'))
    .addColumn('snapshot_taken_at', 'timestamptz', (c) => c.notNull())
    // E-mails of the people the owner delegated the review to.
    .addColumn('delegates', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'signed')`))
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('signature_id', 'uuid')
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('occurrence_id', 'uuid')
    .addUniqueConstraint('access_review_campaigns_asset_quarter_key', ['asset_id', 'quarter'])
    .execute();
  await db.schema
    .createIndex('access_review_campaigns_started_idx')
    .on('access_review_campaigns')
    .columns(['started_at', 'id'])
    .execute();

  await db.schema
    .createTable('access_review_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) =>
      c.notNull().references('access_review_campaigns.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('person_email', 'text')
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('privileged', 'boolean', (c) => c.notNull())
    .addColumn('mfa_enabled', 'boolean')
    .addColumn('disabled', 'boolean', (c) => c.notNull())
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('keep', 'revoke', 'change')`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addUniqueConstraint('access_review_items_campaign_username_key', ['campaign_id', 'username'])
    .execute();
}
