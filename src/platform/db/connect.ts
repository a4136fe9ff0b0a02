import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireLockFile, type LockFile } from './lock-file.js';
import { PgliteSocket } from './pglite-socket.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The connection pool's state: connections open, idle, and callers waiting for one. */
export interface PoolStats {
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** PGlite is one embedded instance behind a pool of one connection: the same figures apply. */
  poolStats(): PoolStats;
  close(): Promise<void>;
}

function statsOf(pool: pg.Pool, max: number): () => PoolStats {
  return () => ({
    max,
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  });
}

const DATE_OID = 1082;

/** Keep calendar dates as 'YYYY-MM-DD' strings: a JS Date would shift them by the local offset. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === DATE_OID
      ? (value: string) => value
      : (pg.types.getTypeParser(
          oid,
          format ?? 'text',
        ) as unknown)) as typeof pg.types.getTypeParser,
};

/**
 * Settings of the embedded PostgreSQL, given at start. Its memory is the server process's, and
 * WebAssembly memory never shrinks: PGlite's default buffer pool (128 MB, touched as soon as it
 * opens) alone kept the server above its memory target. 32 MB: the server opens at about 100 MB
 * less, and reads that miss the pool come from the operating system's file cache
 * (docs/performance.md, "PGlite memory").
 */
const PGLITE_SETTINGS = ['shared_buffers=32MB'];

/** The start parameters of every embedded PostgreSQL we open (the tests' copies too). */
export function pgliteStartParams(): string[] {
  return [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])];
}

export type DatabaseTarget =
  | {
      kind: 'postgresql';
      url: string;
      schema?: string;
      poolSize?: number;
      /** Named prepared statements (prepared-statements.ts); off behind a pooler that lacks them. */
      preparedStatements?: boolean;
    }
  | {
      kind: 'pglite';
      dataDir: string;
      /** On unless a benchmark compares (bench/prepared-statements.ts). */
      preparedStatements?: boolean;
    }
  | { kind: 'pglite-instance'; pglite: PGlite; ownsInstance: boolean };

/**
 * Opens the database: PostgreSQL when a URL is configured, otherwise embedded PGlite in a data
 * directory guarded by an exclusive lock file. Both go through `pg` + Kysely's PostgresDialect so
 * every query runs the same way on both.
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgresql') {
    const max = target.poolSize ?? 10;
    const pool = new pg.Pool({
      connectionString: target.url,
      max,
      types: typeParsers,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    });
    const prepared = target.preparedStatements ?? true;
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: prepared ? preparingPool(pool) : pool }),
    });
    return { db, kind: 'postgresql', poolStats: statsOf(pool, max), close: () => db.destroy() };
  }

  let lock: LockFile | undefined;
  let pglite: PGlite;
  let ownsInstance = true;
  if (target.kind === 'pglite') {
    lock = acquireLockFile(target.dataDir);
    try {
      pglite = await PGlite.create(`${target.dataDir}/pgdata`, {
        startParams: pgliteStartParams(),
      });
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = target.pglite;
    ownsInstance = target.ownsInstance;
  }
  const embedded = pglite;
  const pool = new pg.Pool({
    stream: () => new PgliteSocket(embedded),
    ssl: false,
    max: 1,
    // The one connection stays open: what it prepared is reused for the life of the process.
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 30_000,
    types: typeParsers,
  });
  const prepared = target.kind !== 'pglite' || (target.preparedStatements ?? true);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: prepared ? preparingPool(pool) : pool }),
  });
  return {
    db,
    kind: 'pglite',
    poolStats: statsOf(pool, 1),
    async close() {
      await db.destroy();
      if (ownsInstance) await pglite.close();
      lock?.release();
    },
  };
}
