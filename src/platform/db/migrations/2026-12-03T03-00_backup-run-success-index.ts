import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Backup evaluation's hot query: per asset, the successful run with the latest recovery point
// (docs/backup-evaluation.md). Each tick and each status page asks it for every asset; with this
// partial index it is one short index scan per asset instead of a scan of every successful run.
// The expressions match the evaluation's: recovery point = coalesce(recovery_point_at,
// started_at), run end = coalesce(finished_at, started_at).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index backup_runs_success_recovery_point_idx on backup_runs
            (asset_id, (coalesce(recovery_point_at, started_at)) desc,
             (coalesce(finished_at, started_at)) desc)
            where status = 'succeeded'`.execute(db);
}
