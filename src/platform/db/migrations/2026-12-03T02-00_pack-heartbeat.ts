import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Evidence packs: when the process building a pack last showed it was alive, so a pack left
// `running` by a process that stopped can be told from one still being built, and resumed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evidence_packs').addColumn('heartbeat_at', 'timestamptz').execute();
}
