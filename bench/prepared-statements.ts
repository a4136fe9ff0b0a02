import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlumbline } from '../src/app/start.js';
import { loadDemoOrganisation } from '../src/modules/demo/load-demo.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type DatabaseTarget } from '../src/platform/db/connect.js';
import { benchDatabases, option } from './harness.js';
import { openBenchTarget } from './bench-database.js';

/*
 * `npx tsx bench/prepared-statements.ts [--requests 300] [--only pglite|postgresql]`: the demo
 * organisation on each database, then the list paths of the load benchmark (assets, occurrences,
 * work orders, backup runs, each paged by 50) and health, requested one after the other in this
 * process (Fastify's inject, an admin token), with the server's statements sent unnamed (parsed and
 * planned every time) and then prepared by name (src/platform/db/prepared-statements.ts), on the
 * same data in the same run. Prints wall and CPU milliseconds per request; with PGlite the
 * database runs in this process, so its work is in the CPU figure; PostgreSQL's is in the wall
 * figure only. Never asserted by tests.
 */
const requests = Number(option(process.argv, '--requests') ?? 300);
const { targets: kinds, postgresUrl } = benchDatabases(option(process.argv, '--only'));
const PATHS = {
  health: '/api/v1/health',
  assets: '/api/v1/assets?limit=50',
  occurrences: '/api/v1/occurrences?limit=50',
  'work orders': '/api/v1/work-orders?limit=50',
  'backup runs': '/api/v1/backup-runs?limit=50',
} as const;

async function measure(target: DatabaseTarget, dataDir: string, demo: boolean) {
  const database = await openDatabase(target);
  const running = await startPlumbline({
    config: loadConfig({
      PLUMBLINE_DATA_DIR: dataDir,
      PLUMBLINE_LOG_LEVEL: 'silent',
      PLUMBLINE_SCHEDULER: 'false',
    }),
    database,
    webRoot: '',
    ...(demo ? { beforeServe: (ctx) => loadDemoOrganisation(ctx).then(() => undefined) } : {}),
  });
  try {
    const { token } = await createApiToken(running.ctx, systemActor, {
      name: `bench-${Date.now()}`,
      role: 'admin',
    });
    const figures: Record<string, { wall: number; cpu: number }> = {};
    for (const [name, url] of Object.entries(PATHS)) {
      const get = async () => {
        const answer = await running.app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${token}` },
        });
        if (answer.statusCode !== 200) throw new Error(`${url}: ${answer.statusCode}`);
      };
      for (let i = 0; i < 30; i += 1) await get();
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < requests; i += 1) await get();
      const used = process.cpuUsage(cpu);
      figures[name] = {
        wall: (performance.now() - started) / requests,
        cpu: (used.user + used.system) / 1000 / requests,
      };
    }
    return figures;
  } finally {
    await running.close();
  }
}

for (const kind of kinds) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `plumbline-prepared-${kind}-`));
  const bench = await openBenchTarget(kind, path.join(dataDir, 'db'), postgresUrl, {
    keepSchema: true,
  });
  await bench.database.close();
  const target = (preparedStatements: boolean): DatabaseTarget =>
    kind === 'postgresql'
      ? { kind, url: postgresUrl!, schema: bench.schema!, poolSize: 4, preparedStatements }
      : { kind, dataDir: path.join(dataDir, 'db'), preparedStatements };
  try {
    // The demo is loaded once, unmeasured; then each setting opens the same data afresh.
    await measure(target(true), dataDir, true);
    const unnamed = await measure(target(false), dataDir, false);
    const prepared = await measure(target(true), dataDir, false);
    console.log(`\n${kind}, ${requests} requests a path (uptime: ${os.loadavg()[0]!.toFixed(1)})`);
    console.log('| path | unnamed: wall / CPU ms | prepared: wall / CPU ms |');
    console.log('| --- | --- | --- |');
    for (const name of Object.keys(PATHS)) {
      const cell = (f: { wall: number; cpu: number }) =>
        `${f.wall.toFixed(2)} / ${f.cpu.toFixed(2)}`;
      console.log(`| ${name} | ${cell(unnamed[name]!)} | ${cell(prepared[name]!)} |`);
    }
  } finally {
    if (kind === 'postgresql') {
      const drop = await openBenchTarget(kind, dataDir, postgresUrl, {
        reuseSchema: bench.schema!,
      });
      await drop.database.db.schema.dropSchema(bench.schema!).cascade().execute();
      await drop.database.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
