import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  startLoadServer,
  type LoadServer,
  type LoadServerDatabase,
  type LoadServerStats,
} from './api-load-server.js';

/*
 * `npm run build:server && npx tsx bench/api-load.ts [--duration 30] [--rate 500]
 * [--connections 20] [--only pglite|postgresql] [--paths health,assets,…] [--restart]`
 *
 * `--restart` stops the server once the demo organisation is loaded and measures a new one started
 * on the same data, as a server runs in normal use (the first start also creates the database,
 * which on PGlite leaves its process hundreds of megabytes larger for a while).
 *
 * The everyday reads at a fixed request rate against a real server process started as
 * `plumbline serve --demo` starts it, with an admin bearer token: each list paged by 50, posture,
 * and the readiness endpoint (`GET /api/v1/health`: one query and a write probe) as the floor of
 * the same run. On PGlite and, when PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL
 * names a PostgreSQL server, on PostgreSQL (a schema of its own, dropped afterwards). For each
 * path: p50 / p99 latency (corrected for coordinated omission), errors (socket errors, timeouts
 * and non-2xx answers), the rate achieved, the statements sent to the database per request and
 * the server's CPU time per request; the server's memory at start and after each path (RSS, the
 * JavaScript heap, external and array buffers, PGlite's WebAssembly memory) and its RSS after the
 * runs. Printed side by side and written to bench/out/api-load.json; never asserted by tests.
 */

const PATHS = {
  health: '/api/v1/health',
  assets: '/api/v1/assets?limit=50',
  occurrences: '/api/v1/occurrences?limit=50',
  'work-orders': '/api/v1/work-orders?limit=50',
  'backup-runs': '/api/v1/backup-runs?limit=50',
  posture: '/api/v1/posture',
} as const;
type PathName = keyof typeof PATHS;

interface PathFigures {
  path: PathName;
  url: string;
  requests: number;
  ratePerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  queriesPerRequest: number;
  cpuMsPerRequest: number;
  /** The server's memory after this path's run. */
  memoryAfter: MemoryFigures;
}

/** A server's memory in MB: RSS, the JavaScript heap, and PGlite's WebAssembly memory. */
interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  wasmMb: number;
}

const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);

function memoryOf(stats: LoadServerStats): MemoryFigures {
  return {
    rssMb: megabytes(stats.rssBytes),
    heapUsedMb: megabytes(stats.heapUsedBytes),
    heapTotalMb: megabytes(stats.heapTotalBytes),
    externalMb: megabytes(stats.externalBytes),
    arrayBuffersMb: megabytes(stats.arrayBuffersBytes),
    wasmMb: megabytes(stats.wasmMemoryBytes),
  };
}

function describeMemory(memory: MemoryFigures): string {
  return (
    `RSS ${memory.rssMb} MB (heap ${memory.heapUsedMb} of ${memory.heapTotalMb}, external ` +
    `${memory.externalMb}, array buffers ${memory.arrayBuffersMb}, WebAssembly ${memory.wasmMb})`
  );
}

interface DatabaseFigures {
  database: 'pglite' | 'postgresql';
  paths: PathFigures[];
  /** After start-up and the demo organisation, before any request. */
  memoryAtStart: MemoryFigures;
  rssAfterMb: number;
  maxRssMb: number;
}

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '20' },
    only: { type: 'string' },
    paths: { type: 'string', default: Object.keys(PATHS).join(',') },
    restart: { type: 'boolean', default: false },
  },
});
const restart = values.restart;
const duration = Number(values.duration);
const rate = Number(values.rate);
const connections = Number(values.connections);
for (const [name, value] of [
  ['--duration', duration],
  ['--rate', rate],
  ['--connections', connections],
] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
}
const paths = values.paths.split(',').map((name) => {
  if (!(name in PATHS))
    throw new Error(`Unknown path ${name}: one of ${Object.keys(PATHS).join(', ')}`);
  return name as PathName;
});
const postgresUrl =
  process.env.PLUMBLINE_BENCH_DATABASE_URL ?? process.env.PLUMBLINE_TEST_DATABASE_URL;
const databases = (['pglite', 'postgresql'] as const).filter(
  (kind) =>
    (values.only === undefined || values.only === kind) &&
    (kind === 'pglite' || postgresUrl !== undefined),
);
if (!postgresUrl)
  console.log('PostgreSQL skipped: set PLUMBLINE_BENCH_DATABASE_URL to include it.');

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function measurePath(server: LoadServer, name: PathName): Promise<PathFigures> {
  const url = server.baseUrl + PATHS[name];
  const headers = { authorization: `Bearer ${server.token}` };
  // Warm-up: the first requests of a path compile its code and fill the database's caches.
  await autocannon({ url, headers, connections, duration: 2, overallRate: rate });
  const before = await server.stats();
  const result = await autocannon({ url, headers, connections, duration, overallRate: rate });
  const after = await server.stats();
  const requests = Math.max(1, result.requests.total);
  return {
    path: name,
    url: PATHS[name],
    requests: result.requests.total,
    ratePerSecond: Math.round(result.requests.total / duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    queriesPerRequest: (after.queries - before.queries) / requests,
    cpuMsPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / requests,
    memoryAfter: memoryOf(after),
  };
}

async function measureDatabase(kind: 'pglite' | 'postgresql'): Promise<DatabaseFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-load-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  let database: LoadServerDatabase;
  if (kind === 'postgresql' && postgresUrl) {
    await adminQuery(postgresUrl, `create schema ${schema}`);
    database = { kind, url: postgresUrl, schema };
  } else {
    database = { kind: 'pglite', dataDir: path.join(dataDir, 'db') };
  }
  const started = performance.now();
  const secretKey = randomBytes(32).toString('base64');
  let server = await startLoadServer({ dataDir, secretKey, database, loadDemo: true });
  console.log(
    `${kind}: server with the demo organisation ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (restart) {
    // As a server runs normally: started on data it already has, not right after creating it.
    await server.stop();
    server = await startLoadServer({ dataDir, secretKey, database, loadDemo: false });
    console.log(`${kind}: server restarted on the same data`);
  }
  try {
    const atStart = await server.stats();
    const memoryAtStart = memoryOf(atStart);
    console.log(
      `  at start: ${describeMemory(memoryAtStart)}; peak so far ${megabytes(atStart.maxRssBytes)} MB`,
    );
    const figures: PathFigures[] = [];
    for (const name of paths) {
      const measured = await measurePath(server, name);
      figures.push(measured);
      console.log(
        `  ${name}: p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, ${measured.errors} errors, ` +
          `${measured.ratePerSecond} req/s, ${measured.queriesPerRequest.toFixed(2)} statements and ` +
          `${measured.cpuMsPerRequest.toFixed(2)} ms server CPU per request; ` +
          describeMemory(measured.memoryAfter),
      );
    }
    const stats = await server.stats();
    return {
      database: kind,
      paths: figures,
      memoryAtStart,
      rssAfterMb: megabytes(stats.rssBytes),
      maxRssMb: megabytes(stats.maxRssBytes),
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (database.kind === 'postgresql') {
      await adminQuery(database.url, `drop schema if exists ${schema} cascade`);
    }
  }
}

function cell(figures: DatabaseFigures | undefined, name: PathName): string {
  const measured = figures?.paths.find((entry) => entry.path === name);
  if (!measured) return '—';
  const floor = figures?.paths.find((entry) => entry.path === 'health');
  const ratio =
    floor && name !== 'health' ? ` (${(measured.p99Ms / floor.p99Ms).toFixed(1)}×)` : '';
  return `${measured.p50Ms} / ${measured.p99Ms}${ratio} / ${measured.errors} / ${measured.ratePerSecond}`;
}

const load = os.loadavg().map((value) => value.toFixed(1));
console.log(
  `${rate} req/s for ${duration} s per path, ${connections} connections, load average ${load.join(' ')}`,
);
const results: DatabaseFigures[] = [];
for (const kind of databases) results.push(await measureDatabase(kind));
const loadAfter = os.loadavg().map((value) => value.toFixed(1));

const byKind = (kind: string) => results.find((entry) => entry.database === kind);
console.log(
  `\np50 / p99 ms (p99 × health's) / errors / req/s; load average after ${loadAfter.join(' ')}`,
);
console.log('| path | PGlite | PostgreSQL |\n|---|---|---|');
for (const name of paths) {
  console.log(
    `| \`GET ${PATHS[name]}\` | ${cell(byKind('pglite'), name)} | ${cell(byKind('postgresql'), name)} |`,
  );
}
const rss = (kind: string) => {
  const figures = byKind(kind);
  return figures ? `${figures.rssAfterMb} MB (peak ${figures.maxRssMb} MB)` : '—';
};
console.log(`| server RSS after the runs | ${rss('pglite')} | ${rss('postgresql')} |`);

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, 'api-load.json');
fs.writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      rate,
      duration,
      connections,
      loadAverage: { before: load, after: loadAfter },
      results,
    },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
