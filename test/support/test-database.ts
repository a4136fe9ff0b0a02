import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import {
  openDatabase,
  pgliteStartParams,
  type DatabaseHandle,
  type DatabaseKind,
} from '../../src/platform/db/connect.js';

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
 * on the real PostgreSQL server a new database copied from the migrated template database the
 * global setup built. Closing it removes everything it held.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testDatabaseKind() === 'postgresql') return createPostgresTestDatabase();
  const pglite = await PGlite.create({
    loadDataDir: pgliteTemplate(),
    startParams: pgliteStartParams(),
  });
  return openDatabase({ kind: 'pglite-instance', pglite, ownsInstance: true });
}

let templateBytes: Uint8Array | undefined;

/**
 * The migrated template as the `Blob` PGlite loads, read from disk once per worker. PGlite only
 * calls `arrayBuffer()` on it (and reads `type`); Node 20's own Blob answers that by copying the
 * 43 MB in small pieces, which took longer than the rest of starting the database (about 1 s of
 * CPU of the 2 a test database cost), so this hands over a copy of the bytes directly.
 */
function pgliteTemplate(): Blob {
  templateBytes ??= fs.readFileSync(inject('pgliteTemplatePath'));
  const bytes = templateBytes;
  const tarball: Pick<Blob, 'type' | 'arrayBuffer'> = {
    type: 'application/x-tar',
    arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer),
  };
  return tarball as Blob;
}

async function createPostgresTestDatabase(): Promise<DatabaseHandle> {
  const template = inject('postgresTemplateDatabase');
  if (!template) throw new Error('the global setup built no PostgreSQL template database');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await onTestServer((client) => client.query(`create database ${name} template ${template}`));
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgresql', url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await onTestServer(async (client) => {
        // The pool's end() resolves once its clients have been asked to end, not once their
        // backends are gone; dropping WITH (FORCE) at that moment kills a backend still reading
        // its client's goodbye, and that client reports the kill as an uncaught error. So wait
        // (5 s at most) for the database's backends to leave; FORCE is then only for a leak.
        for (let wait = 0; wait < 50; wait += 1) {
          const { rows } = await client.query<{ backends: number }>(
            'select count(*)::int as backends from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]?.backends === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

async function onTestServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
