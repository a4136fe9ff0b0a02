import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Brings the current schema up to date. Safe to run on every start and from `plumbline migrate`,
 * and from two processes at once: a session advisory lock keyed by the schema serialises them.
 *
 * We run the list ourselves rather than through Kysely's Migrator: its table-existence check
 * introspects every table on the server by name, and that query fails ("schema … does not
 * exist") whenever another schema on the same server is dropped mid-query — which is exactly
 * what parallel test files and shared servers do. Bookkeeping stays in `kysely_migration` so
 * databases migrated by earlier versions carry on unchanged.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: {
    /** Apply only these (a restore first recreates the schema its backup was taken from). */
    only?: ReadonlySet<string>;
  } = {},
): Promise<MigrationOutcome> {
  const migrations = await migrationProvider.getMigrations();
  const names = Object.keys(migrations)
    .sort()
    .filter((name) => options.only?.has(name) ?? true);
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(current_schema() || '.plumbline.migrations'))`.execute(
      connection,
    );
    try {
      await sql`
        create table if not exists kysely_migration (
          name varchar(255) primary key,
          timestamp varchar(255) not null
        )`.execute(connection);
      const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(
        connection,
      );
      const done = new Set(rows.map((row) => row.name));
      const applied: string[] = [];
      for (const name of names) {
        if (done.has(name)) continue;
        const migration = migrations[name];
        if (!migration) continue;
        try {
          await connection.transaction().execute(async (trx) => {
            await migration.up(trx);
            await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
              trx,
            );
          });
        } catch (error) {
          const reason = error instanceof Error ? error.message : JSON.stringify(error);
          throw new Error(`Migration ${name} failed: ${reason}`, { cause: error });
        }
        applied.push(name);
      }
      return { applied };
    } finally {
      await sql`select pg_advisory_unlock(hashtext(current_schema() || '.plumbline.migrations'))`.execute(
        connection,
      );
    }
  });
}

/** Every migration this version of Plumbline knows, in the order they apply. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await migrationProvider.getMigrations()).sort();
}

/** The migrations applied to the current schema (none when it was never migrated). */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows: present } = await sql<{ present: boolean }>`
    select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!present[0]?.present) return [];
  const { rows } = await sql<{ name: string }>`
    select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}
