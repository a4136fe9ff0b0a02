import { type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// When the work of a claimed job slot finished: the metrics endpoint reports how long ago the
// last backup evaluation completed on any instance (a claim alone only says one started).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('job_claims').addColumn('completed_at', 'timestamptz').execute();
}
