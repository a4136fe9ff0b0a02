import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema up to date. Safe to run on every start and from `plumbline migrate`. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; pin it to the
  // schema we run in, or another schema's tables on the same server are mistaken for ours.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableSchema: rows[0]?.schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
