import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  createTestSchema,
  testDatabaseKind,
  testPostgresUrl,
} from '../../../test/support/test-database.js';
import { openDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

describe('migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * A database whose current schema is empty while another schema on the same server is already
   * migrated: two test files on one PostgreSQL, or two instances sharing one server.
   */
  async function emptySchemaBesideMigratedOne(): Promise<Kysely<Database>> {
    const migrated = await createTestDatabase();
    cleanups.push(() => migrated.close());
    if (testDatabaseKind() === 'pglite') {
      // One connection: the search path set here stays for every later query.
      await sql`create schema second; set search_path to second`.execute(migrated.db);
      return migrated.db;
    }
    const { schema, drop } = await createTestSchema();
    const second = await openDatabase({ kind: 'postgresql', url: testPostgresUrl(), schema });
    cleanups.push(async () => {
      await second.close();
      await drop();
    });
    return second.db;
  }

  it('migrates an empty schema even when another schema on the server is migrated', async () => {
    const db = await emptySchemaBesideMigratedOne();
    const all = Object.keys(await migrationProvider.getMigrations()).sort();
    expect((await migrateToLatest(db)).applied).toEqual(all);
    const { rows } = await sql<{ count: string }>`select count(*) as count from users`.execute(db);
    expect(rows).toEqual([{ count: '0' }]);
    expect((await migrateToLatest(db)).applied).toEqual([]);
  });

  it('two migrations of one schema at once apply each migration exactly once', async () => {
    const db = await emptySchemaBesideMigratedOne();
    const all = Object.keys(await migrationProvider.getMigrations()).sort();
    const outcomes = await Promise.all([migrateToLatest(db), migrateToLatest(db)]);
    expect(outcomes.map((outcome) => outcome.applied).sort((a, b) => a.length - b.length)).toEqual([
      [],
      all,
    ]);
  });

  // Registered only on the PostgreSQL project (a skipped test would fail CI's every-suite-runs rule).
  if (testDatabaseKind() === 'postgresql')
    it('migrates while other schemas on the server are being created and dropped', async () => {
      // Parallel test files and shared servers drop schemas all the time; a catalogue-wide
      // lookup by name during migration used to fail with "schema … does not exist".
      let churning = true;
      const churn = (async () => {
        let rounds = 0;
        while (churning || rounds < 5) {
          const { schema, drop } = await createTestSchema();
          const other = await openDatabase({ kind: 'postgresql', url: testPostgresUrl(), schema });
          await sql`create table filler (id serial primary key, note text)`.execute(other.db);
          await other.close();
          await drop();
          rounds += 1;
        }
        return rounds;
      })();
      try {
        for (let attempt = 0; attempt < 3; attempt += 1) {
          const db = await emptySchemaBesideMigratedOne();
          expect((await migrateToLatest(db)).applied.length).toBeGreaterThan(0);
          expect((await migrateToLatest(db)).applied).toEqual([]);
        }
      } finally {
        churning = false;
      }
      expect(await churn).toBeGreaterThanOrEqual(5);
    }, 60_000);
});
