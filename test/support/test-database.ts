import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import {
  openDatabase,
  type DatabaseHandle,
  type DatabaseKind,
} from '../../src/platform/db/connect.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

/** Which database this test project runs on (set per vitest project). */
export function testDatabaseKind(): DatabaseKind {
  return process.env.PLUMBLINE_TEST_DB === 'postgresql' ? 'postgresql' : 'pglite';
}

export function testPostgresUrl(): string {
  const url = process.env.PLUMBLINE_TEST_DATABASE_URL;
  if (!url) throw new Error('PLUMBLINE_TEST_DATABASE_URL is not set');
  return url;
}

/** Creates an empty schema on the test server and returns its name; dropped by the returned function. */
export async function createTestSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    async drop() {
      const dropper = new pg.Client({ connectionString: testPostgresUrl() });
      await dropper.connect();
      await dropper.query(`drop schema if exists ${schema} cascade`);
      await dropper.end();
    },
  };
}

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the migrated template, or
 * a new schema on the real PostgreSQL server. Closing it removes everything it held.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind() === 'postgresql') {
    const { schema, drop } = await createTestSchema();
    const handle = await openDatabase({
      kind: 'postgresql',
      url: testPostgresUrl(),
      schema,
      poolSize: 4,
    });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      async close() {
        await handle.close();
        await drop();
      },
    };
  }
  const template = fs.readFileSync(inject('pgliteTemplatePath'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([template]) });
  return openDatabase({ kind: 'pglite-instance', pglite, ownsInstance: true });
}
