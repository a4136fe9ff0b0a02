import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { startPlumbline } from '../src/app/start.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, pgliteStartParams } from '../src/platform/db/connect.js';
import { loadDemoOrganisation } from '../src/modules/demo/load-demo.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';

/*
 * `npx tsx bench/list-cpu.ts [--requests 500] [--rounds 3] [--concurrency 1] [--paths assets,…] [--profile DIR]`
 *
 * The server's CPU time per request of the everyday lists on PGlite, without a load generator
 * sharing the cores: Plumbline started in this process on a fresh PGlite data directory with the
 * demo organisation (as `plumbline serve --demo`, scheduler off), each list paged by 50 and the
 * health endpoint requested through `app.inject` with an admin token, one after the other (or
 * `--concurrency` at a time). Prints CPU ms, wall ms and statements per request for each path and
 * round, and the process's memory (RSS, heap, external, array buffers, PGlite's WebAssembly
 * memory) before and after. Every answer of a path must equal its first. `--profile DIR` writes a CPU profile
 * of each path's requests. Never asserted by tests.
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1' },
    paths: { type: 'string' },
    profile: { type: 'string' },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const PATHS = {
  health: '/api/v1/health',
  assets: '/api/v1/assets?limit=50',
  occurrences: '/api/v1/occurrences?limit=50',
  'work-orders': '/api/v1/work-orders?limit=50',
  'backup-runs': '/api/v1/backup-runs?limit=50',
};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-list-cpu-'));
const pglite = await PGlite.create(path.join(dataDir, 'pgdata'), {
  startParams: pgliteStartParams(),
});
const opened = await openDatabase({ kind: 'pglite-instance', pglite, ownsInstance: true });
let queries = 0;
const database = {
  ...opened,
  db: opened.db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: (args) => {
      queries += 1;
      return Promise.resolve(args.result);
    },
  }),
};
const running = await startPlumbline({
  config: loadConfig({
    PLUMBLINE_DATA_DIR: dataDir,
    PLUMBLINE_LOG_LEVEL: 'warn',
    PLUMBLINE_SCHEDULER: 'false',
    PLUMBLINE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
  }),
  database,
  webRoot: '',
  beforeServe: async (ctx) => {
    await loadDemoOrganisation(ctx);
  },
});
const { token } = await createApiToken(running.ctx, systemActor, { name: 'cpu', role: 'admin' });
const headers = { authorization: `Bearer ${token}` };
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)}`;
/** PGlite's WebAssembly memory: grown as its server needs, never given back. */
const wasmMemoryBytes = () => pglite.Module.wasmMemory.buffer.byteLength;
const memory = () => {
  const usage = process.memoryUsage();
  return (
    `rss ${mb(usage.rss)}, heap used ${mb(usage.heapUsed)}, external ${mb(usage.external)}, ` +
    `array buffers ${mb(usage.arrayBuffers)}, PGlite's WebAssembly memory ` +
    `${mb(wasmMemoryBytes())} MB`
  );
};
console.log(`load ${(os.loadavg()[0] ?? 0).toFixed(1)}; ${memory()}`);
const bodies = new Map<string, string>();
try {
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, url] of Object.entries(PATHS)) {
      if (values.paths !== undefined && !values.paths.split(',').includes(name)) continue;
      const profiler = values.profile === undefined ? undefined : new Session();
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const cpu = process.cpuUsage();
      const started = performance.now();
      const before = queries;
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < requests) {
            next += 1;
            const reply = await running.app.inject({ method: 'GET', url, headers });
            if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode}`);
            if (name !== 'health') {
              const known = bodies.get(name);
              if (known === undefined) bodies.set(name, reply.body);
              else if (known !== reply.body) throw new Error(`${url}: the answer changed`);
            }
          }
        }),
      );
      const used = process.cpuUsage(cpu);
      if (profiler && values.profile !== undefined) {
        const { profile } = await profiler.post('Profiler.stop');
        fs.mkdirSync(values.profile, { recursive: true });
        fs.writeFileSync(
          path.join(values.profile, `${name}-${round}.cpuprofile`),
          JSON.stringify(profile),
        );
        profiler.disconnect();
      }
      console.log(
        `${name.padEnd(12)} ${((used.user + used.system) / 1000 / requests).toFixed(2)} ms CPU, ` +
          `${((performance.now() - started) / requests).toFixed(2)} ms wall, ` +
          `${((queries - before) / requests).toFixed(2)} statements per request`,
      );
    }
  }
  console.log(memory());
  const out = process.env.LIST_CPU_BODIES;
  if (out) fs.writeFileSync(out, JSON.stringify(Object.fromEntries(bodies), null, 1));
} finally {
  await running.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
