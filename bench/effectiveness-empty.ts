import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { startPlumbline, type RunningPlumbline } from '../src/app/start.js';
import {
  effectivenessCsvChunks,
  effectivenessJsonChunks,
  openEffectivenessReport,
  reportEffectiveness,
} from '../src/modules/posture/report-effectiveness.js';
import { FixedClock } from '../src/platform/clock.js';
import { openBenchTarget } from './bench-database.js';
import type { BenchDatabase } from './register-import.js';
import { benchDatabases, option } from './harness.js';

/*
 * `npx tsx bench/effectiveness-empty.ts [--only pglite|postgresql] [--rounds N]`: the year's
 * effectiveness report for SOC 2 and ISO 13485 on an installation with the built-in catalogue and
 * nothing generated yet (every row list empty), as the use case and as JSON and CSV text, beside
 * the floor of the same run: one trivial statement (`select 1`) per statement the report sent.
 * Prints wall time, this process's CPU time (PGlite runs in it) and the statements sent. Never
 * asserted by tests.
 */

class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

async function drain(chunks: AsyncGenerator<string>): Promise<number> {
  let length = 0;
  for await (const chunk of chunks) length += chunk.length;
  return length;
}

async function benchEmptyReport(
  kind: BenchDatabase,
  postgresUrl: string | undefined,
  rounds: number,
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-bench-empty-report-'));
  const target = await openBenchTarget(kind, dataDir, postgresUrl);
  const counter = new StatementCounter();
  let running: RunningPlumbline | undefined;
  try {
    running = await startPlumbline({
      config: loadConfig({
        PLUMBLINE_DATA_DIR: dataDir,
        PLUMBLINE_LOG_LEVEL: 'silent',
        PLUMBLINE_SCHEDULER: 'false',
      }),
      database: { ...target.database, db: target.database.db.withPlugin(counter) },
      webRoot: '',
      clock: new FixedClock('2027-01-15T00:00:00Z'),
    });
    const { ctx } = running;
    const measure = async (label: string, work: () => Promise<unknown>) => {
      const before = counter.count;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await work();
      const used = process.cpuUsage(cpu);
      const statements = counter.count - before;
      console.log(
        `${kind} ${label}: ${(performance.now() - started).toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, ${statements} statements, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      return statements;
    };
    for (let round = 1; round <= rounds; round += 1) {
      for (const framework of ['soc2', 'iso13485']) {
        const query = { framework, from: '2026-01-01', to: '2026-12-31' };
        const statements = await measure(`${framework} 2026, use case (${round})`, () =>
          reportEffectiveness(ctx, query),
        );
        await measure(`${framework} 2026, JSON text (${round})`, async () =>
          drain(effectivenessJsonChunks(await openEffectivenessReport(ctx, query))),
        );
        await measure(`${framework} 2026, CSV text (${round})`, async () =>
          drain(effectivenessCsvChunks(await openEffectivenessReport(ctx, query))),
        );
        await measure(`floor: ${statements} × select 1 (${round})`, async () => {
          for (let index = 0; index < statements; index += 1) await sql`select 1`.execute(ctx.db);
        });
      }
    }
  } finally {
    if (running) await running.close();
    else await target.database.close();
    await target.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const rounds = Number(option(argv, '--rounds') ?? '2');
const { postgresUrl, targets } = benchDatabases(option(argv, '--only'));
for (const kind of targets) await benchEmptyReport(kind, postgresUrl, rounds);
