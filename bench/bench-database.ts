import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/connect.js';

export interface BenchTarget {
  database: DatabaseHandle;
  /** The PostgreSQL schema, for another process to open the same data. */
  schema?: string;
  dispose(): Promise<void>;
}

/**
 * The database a benchmark runs on: a PGlite data directory on disk (as a single-process
 * installation runs it), or a schema of its own on a PostgreSQL server, dropped by `dispose`.
 */
export async function openBenchTarget(
  kind: 'pglite' | 'postgresql',
  dataDir: string,
  url?: string,
  /** PostgreSQL only: an existing schema to use, or `keep` a new one instead of dropping it. */
  options: { reuseSchema?: string; keepSchema?: boolean } = {},
): Promise<BenchTarget> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    return { database, dispose: () => Promise.resolve() };
  }
  if (!url) throw new Error('A PostgreSQL benchmark needs a database URL');
  if (options.reuseSchema !== undefined && !/^bench_[0-9a-f]{10}$/.test(options.reuseSchema)) {
    throw new Error(`Not a benchmark schema: ${options.reuseSchema}`);
  }
  const schema = options.reuseSchema ?? `bench_${randomBytes(5).toString('hex')}`;
  if (options.reuseSchema === undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
  }
  const database = await openDatabase({ kind: 'postgresql', url, schema, poolSize: 4 });
  return {
    database,
    schema,
    async dispose() {
      if (options.keepSchema || options.reuseSchema !== undefined) {
        console.log(`Schema ${schema} kept: rerun with --reuse-schema ${schema}`);
        return;
      }
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema if exists ${schema} cascade`);
      await dropper.end();
    },
  };
}
