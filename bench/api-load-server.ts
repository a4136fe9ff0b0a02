import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the server process reaches its database. */
export type LoadServerDatabase =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string; schema: string };

export interface LoadServerOptions {
  dataDir: string;
  secretKey: string;
  database: LoadServerDatabase;
  /** Load the demo organisation before serving (false: serve the data already there). */
  loadDemo: boolean;
}

/** What the server process says about itself between runs. */
export interface LoadServerStats {
  /** SQL statements answered since the process started (every query through Kysely). */
  queries: number;
  /** CPU time of the whole process (with PGlite, the database's too), in microseconds. */
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Memory outside the JavaScript heap that it accounts for (PGlite's WebAssembly memory too). */
  externalBytes: number;
  arrayBuffersBytes: number;
  /** PGlite's WebAssembly memory (grown as its server needs, never given back); 0 on PostgreSQL. */
  wasmMemoryBytes: number;
  /** The kernel's maximum RSS of the process so far. */
  maxRssBytes: number;
}

export interface LoadServer {
  baseUrl: string;
  /** A bearer token of an admin, created through the use case before listening. */
  token: string;
  databaseKind: string;
  stats(): Promise<LoadServerStats>;
  stop(): Promise<void>;
}

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/*
 * The child: compiled server code only (no tsx), started as `plumbline serve --demo` starts it
 * (migrations, the catalogue, the demo organisation, the scheduler, the HTTP server on a real
 * socket), with one admin API token created through the use case. Every statement answered by
 * the database is counted by a Kysely plugin, so the parent can divide statements by requests.
 */
const CHILD = `
const p = JSON.parse(process.env.PLUMBLINE_LOAD_BENCH);
const [{ loadConfig }, { startPlumbline }, { openDatabase, pgliteStartParams }, { loadDemoOrganisation },
  { createApiToken }, { systemActor }] = await Promise.all(['platform/config.js', 'app/start.js',
  'platform/db/connect.js', 'modules/demo/load-demo.js', 'modules/identity/api-token.service.js',
  'platform/audit/actor.js'].map((m) => import(p.dist + '/' + m)));
const { PGlite } = await import('@electric-sql/pglite');
const config = loadConfig({
  PLUMBLINE_DATA_DIR: p.dataDir, PLUMBLINE_LOG_LEVEL: 'warn', PLUMBLINE_SECRET_KEY: p.secretKey,
  PLUMBLINE_TIMEZONE: 'Europe/Berlin',
});
// PGlite opened here (as openDatabase opens it) so its WebAssembly memory can be read.
if (p.database.kind === 'pglite') (await import('node:fs')).mkdirSync(p.database.dataDir, { recursive: true });
const pglite = p.database.kind === 'pglite'
  ? await PGlite.create(p.database.dataDir + '/pgdata', { startParams: pgliteStartParams() })
  : undefined;
const opened = await openDatabase(pglite
  ? { kind: 'pglite-instance', pglite, ownsInstance: true }
  : { kind: 'postgresql', url: p.database.url, schema: p.database.schema });
let queries = 0;
const counter = {
  transformQuery(args) { return args.node; },
  async transformResult(args) { queries += 1; return args.result; },
};
const database = { ...opened, db: opened.db.withPlugin(counter) };
const running = await startPlumbline({ config, database, webRoot: '',
  ...(p.loadDemo ? { beforeServe: (ctx) => loadDemoOrganisation(ctx) } : {}) });
const { token } = await createApiToken(running.ctx, systemActor, { name: 'load-bench', role: 'admin' });
const address = await running.app.listen({ host: '127.0.0.1', port: 0 });
process.on('message', (message) => {
  if (message === 'stats') {
    const usage = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send({ queries, cpuMicros: usage.user + usage.system, rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external, arrayBuffersBytes: memory.arrayBuffers,
      wasmMemoryBytes: pglite ? pglite.Module.wasmMemory.buffer.byteLength : 0,
      maxRssBytes: process.resourceUsage().maxRSS * 1024 });
  } else if (message === 'stop') {
    void running.close().then(() => process.exit(0));
  }
});
process.send({ ready: true, baseUrl: address, token, databaseKind: running.ctx.databaseKind });
`;

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`The server process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

/**
 * Starts the server in its own Node process on dist/ (`npm run build:server` first).
 * PLUMBLINE_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' profiles it (written when it stops).
 */
export async function startLoadServer(options: LoadServerOptions): Promise<LoadServer> {
  if (!fs.existsSync(path.join(DIST, 'app/start.js'))) {
    throw new Error(`No compiled code in ${DIST}: run npm run build:server`);
  }
  const nodeArgs = (process.env.PLUMBLINE_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', CHILD], {
    env: { ...process.env, PLUMBLINE_LOAD_BENCH: JSON.stringify({ ...options, dist: DIST }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage<{ baseUrl: string; token: string; databaseKind: string }>(child);
  return {
    baseUrl: ready.baseUrl,
    token: ready.token,
    databaseKind: ready.databaseKind,
    async stats() {
      const answer = nextMessage<LoadServerStats>(child);
      child.send('stats');
      return answer;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send('stop');
      await exited;
    },
  };
}
