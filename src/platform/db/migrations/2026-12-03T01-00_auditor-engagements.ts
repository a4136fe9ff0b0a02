import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Auditor engagements: an external auditor's time-boxed, read-only access to one framework and
// one period. The invitation's one-time set-password link is kept (hashed) on the engagement.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auditor_engagements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('framework_key', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('invited_by_id', 'text')
    .addColumn('invited_by_label', 'text', (c) => c.notNull())
    .addColumn('invite_token_hash', 'text')
    .addColumn('invite_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by_label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('auditor_engagements_period_check', sql`period_from <= period_to`)
    .addCheckConstraint('auditor_engagements_access_check', sql`starts_at < expires_at`)
    .execute();
  await db.schema
    .createIndex('auditor_engagements_user_idx')
    .on('auditor_engagements')
    .columns(['user_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('auditor_engagements_invite_idx')
    .on('auditor_engagements')
    .column('invite_token_hash')
    .unique()
    .execute();
}
