import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { generateOccurrences } from '../src/modules/occurrences/generate-occurrences.js';
import { importAssetsCsv } from '../src/modules/register/import-assets.js';
import { createSupplier } from '../src/modules/register/supplier.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { FixedClock } from '../src/platform/clock.js';
import { openBenchTarget } from './bench-database.js';
import { topUpControls } from './posture.js';
import { generateAssetCsv, SUPPLIER_COUNT, type BenchDatabase } from './register-import.js';
import { option, benchDatabases } from './harness.js';

/*
 * `npx tsx bench/occurrence-generation.ts [--assets N] [--only pglite|postgresql]`: a year of
 * occurrences generated for N generated assets (default 2,000) × 60 controls, as a new
 * installation loading its first year would, through the generation use case; then the same
 * year again (nothing to add) and one day's generation. Beside them, the floor of the same run
 * and database: the same rows inserted 1,000 a statement into a bare table (no index, key or
 * trigger). Prints the time, the statements the use case sent (a Kysely plugin on the
 * application's instance) and the rows per second; written to bench/out/occurrence-generation.json.
 * Never asserted by tests.
 */

interface GenerationMeasurement {
  database: BenchDatabase;
  step: string;
  rows: number;
  statements: number;
  seconds: number;
  /** CPU time of this process (PGlite runs in it; PostgreSQL's server does not). */
  cpuSeconds: number;
}

const YEAR = { from: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-12-31T00:00:00Z') };
const FLOOR_CHUNK = 1000;

/** Counts every statement Kysely sends (raw `sql` ones included). */
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

async function measure<T>(
  counter: StatementCounter,
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; statements: number; cpuSeconds: number }> {
  const before = counter.count;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: (performance.now() - started) / 1000,
    statements: counter.count - before,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** The floor: the generated rows copied into a bare table, 1,000 rows a statement. */
async function insertFloor(
  ctx: RunningPlumbline['ctx'],
): Promise<{ seconds: number; cpuSeconds: number }> {
  await sql`
    create table bench_generation_floor (
      control_id uuid, period_key text, asset_key text, asset_id uuid, trigger_event_id uuid,
      opens_at timestamptz, due_at timestamptz, closes_at timestamptz, critical boolean,
      owner_role text, generated_at timestamptz)`.execute(ctx.db);
  const rows = await ctx.db
    .selectFrom('occurrences')
    .select([
      'control_id',
      'period_key',
      'asset_key',
      'asset_id',
      'trigger_event_id',
      'opens_at',
      'due_at',
      'closes_at',
      'critical',
      'owner_role',
      'generated_at',
    ])
    .execute();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < rows.length; index += FLOOR_CHUNK) {
    await sql`insert into bench_generation_floor ${sql`(control_id, period_key, asset_key,
      asset_id, trigger_event_id, opens_at, due_at, closes_at, critical, owner_role,
      generated_at)`} values ${sql.join(
      rows.slice(index, index + FLOOR_CHUNK).map(
        (row) =>
          sql`(${row.control_id}, ${row.period_key}, ${row.asset_key}, ${row.asset_id},
              ${row.trigger_event_id}, ${row.opens_at}, ${row.due_at}, ${row.closes_at},
              ${row.critical}, ${row.owner_role}, ${row.generated_at})`,
      ),
    )}`.execute(ctx.db);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await sql`drop table bench_generation_floor`.execute(ctx.db);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function benchGeneration(
  kind: BenchDatabase,
  assets: number,
  postgresUrl: string | undefined,
  report: (measurement: GenerationMeasurement) => void,
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-bench-generation-'));
  const target = await openBenchTarget(kind, dataDir, postgresUrl);
  const counter = new StatementCounter();
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  let running: RunningPlumbline | undefined;
  try {
    running = await startPlumbline({
      config: loadConfig({
        PLUMBLINE_DATA_DIR: dataDir,
        PLUMBLINE_LOG_LEVEL: 'silent',
        PLUMBLINE_SCHEDULER: 'false',
        PLUMBLINE_TIMEZONE: 'Europe/Berlin',
      }),
      database: { ...target.database, db: target.database.db.withPlugin(counter) },
      webRoot: '',
      clock,
    });
    const { ctx } = running;
    for (let index = 0; index < SUPPLIER_COUNT; index += 1) {
      await createSupplier(ctx, systemActor, {
        key: `supplier-${index}`,
        name: `Supplier ${index}`,
        services: 'Generated for the benchmark',
        contractReference: '',
        escalationContact: '',
        certifications: [],
        notes: '',
      });
    }
    await importAssetsCsv(ctx, systemActor, Buffer.from(generateAssetCsv(assets)), {
      dryRun: false,
      partial: false,
    });
    const controls = await topUpControls(ctx);

    const year = await measure(counter, () => generateOccurrences(ctx, YEAR));
    report({
      database: kind,
      step: `generate a year (${controls} controls)`,
      rows: year.result.created,
      statements: year.statements,
      seconds: year.seconds,
      cpuSeconds: year.cpuSeconds,
    });
    const again = await measure(counter, () => generateOccurrences(ctx, YEAR));
    report({
      database: kind,
      step: 'the same year again (nothing to add)',
      rows: again.result.created,
      statements: again.statements,
      seconds: again.seconds,
      cpuSeconds: again.cpuSeconds,
    });
    clock.set('2026-12-31T06:00:00Z');
    const day = await measure(counter, () =>
      generateOccurrences(ctx, {
        from: new Date('2026-12-31T00:00:00Z'),
        until: new Date('2027-01-01T00:00:00Z'),
      }),
    );
    report({
      database: kind,
      step: 'one more day (the hourly job, 1 January)',
      rows: day.result.created,
      statements: day.statements,
      seconds: day.seconds,
      cpuSeconds: day.cpuSeconds,
    });
    const floor = await insertFloor(ctx);
    report({
      database: kind,
      step: 'floor: the same rows into a bare table, 1,000 a statement',
      rows: year.result.created,
      statements: Math.ceil(year.result.created / FLOOR_CHUNK),
      ...floor,
    });
  } finally {
    if (running) await running.close();
    else await target.database.close();
    await target.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const assets = Number(option(argv, '--assets') ?? '2000');
if (!Number.isInteger(assets) || assets < 1 || assets > 10_000) {
  throw new Error(`--assets must be a whole number from 1 to 10000, not ${assets}`);
}
const { postgresUrl, only, targets } = benchDatabases(option(argv, '--only'));

const measurements: GenerationMeasurement[] = [];
for (const kind of targets) {
  await benchGeneration(kind, assets, postgresUrl, (measurement) => {
    measurements.push(measurement);
    const { database, step, rows, statements, seconds, cpuSeconds } = measurement;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    console.log(
      `${database} ${step}: ${rows} occurrences, ${statements} statements, ${seconds.toFixed(2)} s (${rate}/s), CPU ${cpuSeconds.toFixed(2)} s, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(
  outDirectory,
  `occurrence-generation-${assets}${only ? `-${only}` : ''}.json`,
);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, assets, measurements },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
