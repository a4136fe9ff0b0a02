import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// An access request can be rejected, with an e-signature and the reason, by someone other than
// the requester (docs/access-management.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table access_requests drop constraint access_requests_status_check`.execute(db);
  await sql`alter table access_requests add constraint access_requests_status_check
    check (status in ('requested', 'approved', 'granted', 'rejected'))`.execute(db);
  await db.schema
    .alterTable('access_requests')
    .addColumn('rejected_by_label', 'text')
    .addColumn('rejected_at', 'timestamptz')
    .addColumn('rejection_signature_id', 'uuid')
    .addColumn('rejection_reason', 'text')
    .execute();
}
