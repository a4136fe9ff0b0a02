import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// People and accounts (docs/access-management.md). The people register is the workforce (not
// Plumbline's users), fed by CSV or pushed by an identity provider over SCIM. Accounts are what
// each system (an asset) reports in a snapshot; revocation clocks measure, per account, the time
// from a person leaving or changing role to the first snapshot showing the account disabled,
// removed or adjusted. Access requests are the documented, second-person approved grants.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // SCIM userName; the e-mail for people imported from CSV. Stored lower-case: unique.
    .addColumn('user_name', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('manager_email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'left')`))
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    // The instant the person left (end of the end date, or when the identity provider said so).
    .addColumn('left_at', 'timestamptz')
    .addColumn('external_id', 'text')
    // Deleted by the identity provider (SCIM DELETE): kept for the record, gone from SCIM.
    .addColumn('scim_deleted_at', 'timestamptz')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('csv', 'scim')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_email_idx').on('people').column('email').execute();

  await db.schema
    .createTable('account_snapshots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('account_count', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('account_snapshots_asset_taken_key', ['asset_id', 'taken_at'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('person_id', 'uuid', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('privileged', 'boolean', (c) => c.notNull())
    .addColumn('mfa_enabled', 'boolean')
    .addColumn('disabled', 'boolean', (c) => c.notNull())
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    // The snapshot time since which it has been disabled (null while enabled).
    .addColumn('disabled_since', 'timestamptz')
    // The time of the first snapshot it was missing from (null while present).
    .addColumn('removed_at', 'timestamptz')
    .addColumn('roles_changed_at', 'timestamptz')
    .addUniqueConstraint('accounts_asset_username_key', ['asset_id', 'username'])
    .execute();
  await db.schema.createIndex('accounts_person_idx').on('accounts').column('person_id').execute();

  await db.schema
    .createTable('revocation_clocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('leaver', 'mover')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('occurrence_id', 'uuid')
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('stopped_by_snapshot_id', 'uuid', (c) => c.references('account_snapshots.id'))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('met', 'missed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('revocation_clocks_key', [
      'person_id',
      'account_id',
      'reason',
      'started_at',
    ])
    .execute();
  await db.schema
    .createIndex('revocation_clocks_open_idx')
    .on('revocation_clocks')
    .column('account_id')
    .where(sql.ref('stopped_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'approved', 'granted')`),
    )
    .addColumn('requested_by_id', 'uuid')
    .addColumn('requested_by_label', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by_id', 'uuid')
    .addColumn('approved_by_label', 'text')
    .addColumn('approval_signature_id', 'uuid')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('granted_by_label', 'text')
    .addColumn('granted_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('access_requests_person_asset_idx')
    .on('access_requests')
    .columns(['person_id', 'asset_id'])
    .execute();
}
