import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// The overdue findings list (docs/vulnerabilities.md, bench/overdue-findings.ts) reads the open
// findings that have a deadline in the list's order. Through the list index it stepped over every
// fixed finding newer than the overdue ones; this partial index holds only the open findings with
// a deadline, in the same order, with what the overdue test reads beside the key.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index vulnerability_findings_open_deadline_idx
    on vulnerability_findings (first_seen_at desc, id desc) include (sla_due_at, accepted_until)
    where fixed_at is null and sla_due_at is not null`.execute(db);
}
