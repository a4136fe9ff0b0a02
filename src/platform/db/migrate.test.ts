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
});
