import fs from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.js';
import { startPlumbline, type RunningPlumbline } from '../src/app/start.js';
import { applyCatalog } from '../src/modules/controls/apply-catalog.js';
import { exportCatalog } from '../src/modules/controls/export-catalog.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { generateOccurrences } from '../src/modules/occurrences/generate-occurrences.js';
import { evaluatePosture } from '../src/modules/posture/evaluate-posture.js';
import { listAssetPosture } from '../src/modules/posture/list-asset-posture.js';
import { livePosture } from '../src/modules/posture/live-posture.js';
import { postureCountsRepository } from '../src/modules/posture/posture-counts.repository.js';
import { postureInputs } from '../src/modules/posture/posture-inputs.js';
import { postureRepository } from '../src/modules/posture/posture.repository.js';
import { reportEffectiveness } from '../src/modules/posture/report-effectiveness.js';
import { importAssetsCsv } from '../src/modules/register/import-assets.js';
import { createSupplier } from '../src/modules/register/supplier.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { FixedClock } from '../src/platform/clock.js';
import { openBenchTarget } from './bench-database.js';
import { generateAssetCsv, type BenchDatabase } from './register-import.js';

export interface PostureMeasurement {
  database: BenchDatabase;
  step: string;
  /** What the step handled (occurrences, events, controls, assets or report rows). */
  count: number;
  unit: string;
  seconds: number;
  /** This process's CPU time (the server's; with PGlite the database's too). */
  cpuSeconds: number;
}

const TARGET_CONTROLS = 60;
const SUPPLIER_COUNT = 25;
const YEAR = { from: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-12-31T00:00:00Z') };
/** "Now" for the live measurements: late in the generated year, with a month of history ahead. */
const NOW = '2026-12-10T09:00:00Z';
const PAST_INSTANT = '2026-06-30T12:00:00Z';
/**
 * The instance key of every run: a schema kept by one run (`--keep-schema`) holds data encrypted
 * under it, and a later run (`--reuse-schema`) starts in a new data directory, without a key file.
 */
const BENCH_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T } & Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/**
 * The built-in catalogue has fewer than 60 controls: add per-asset monthly controls covering
 * every asset in service, mapped to a SOC 2 requirement, until there are 60.
 */
export async function topUpControls(ctx: RunningPlumbline['ctx']): Promise<number> {
  const catalog = await exportCatalog(ctx);
  const soc2 = catalog.frameworks.find((framework) => framework.key === 'soc2')!;
  const extra = Math.max(0, TARGET_CONTROLS - catalog.controls.length);
  for (let index = 0; index < extra; index += 1) {
    catalog.controls.push({
      key: `bench-asset-check-${index + 1}`,
      title: `Benchmark per-asset monthly check ${index + 1}`,
      theme: 'benchmark',
      objective: 'A monthly check of every asset in service, added to reach 60 controls.',
      ownerRole: 'engineering',
      critical: false,
      perAsset: true,
      scope: {},
      cadence: { frequency: 'monthly', startsOn: '2026-01-01', dayOfPeriod: 20 },
      evaluation: { mode: 'manual' },
      checklist: [],
      evidenceExpected: [{ kind: 'record', description: 'Check log.' }],
      requirements: [soc2.requirements[index % soc2.requirements.length]!.key],
    });
  }
  await applyCatalog(ctx, systemActor, catalog, { origin: 'organisation' });
  return catalog.controls.length;
}

/**
 * Work recorded on a deterministic sample of the occurrences due by now: 70 % completed (one in
 * seven of those after the deadline), 60 % of all verified a day after completion, a few started
 * and left. Bulk SQL, like a year of history restored from a backup; not audited.
 */
async function recordSampleWork(ctx: RunningPlumbline['ctx'], now: Date): Promise<number> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const bucket = sql`abs(hashtext(o.id::text)) % 100`;
  const completedAt = sql`case when ${bucket} % 7 = 0 then o.due_at + interval '2 days' else o.due_at - interval '1 day' end`;
  // One statement per kind, in the order the work happened: occurrence_state follows each insert
  // in insertion order, as it would have followed the events recorded one by one.
  const completed = await sql`
    insert into occurrence_events (occurrence_id, kind, at, actor_label)
    select o.id, 'completed', ${completedAt}, 'engineer' || (${bucket} % 40) || '@bench.example'
    from occurrences o
    where o.due_at <= ${nowSql} and ${bucket} < 70 and ${completedAt} <= ${nowSql}`.execute(ctx.db);
  const verified = await sql`
    insert into occurrence_events (occurrence_id, kind, at, actor_label)
    select o.id, 'verified', ${completedAt} + interval '1 day', 'quality' || (${bucket} % 5) || '@bench.example'
    from occurrences o
    where o.due_at <= ${nowSql} and ${bucket} < 60 and ${completedAt} + interval '1 day' <= ${nowSql}`.execute(
    ctx.db,
  );
  const started = await sql`
    insert into occurrence_events (occurrence_id, kind, at, actor_label)
    select o.id, 'started', o.opens_at + interval '1 hour', 'engineer' || (${bucket} % 40) || '@bench.example'
    from occurrences o
    where o.opens_at + interval '1 hour' <= ${nowSql} and ${bucket} between 70 and 74`.execute(
    ctx.db,
  );
  await sql`analyze`.execute(ctx.db);
  return [completed, verified, started].reduce(
    (sum, result) => sum + Number(result.numAffectedRows ?? 0),
    0,
  );
}

/** The benchmark's data: suppliers, assets, 60 controls, a year of occurrences, sample work. */
async function buildData(
  ctx: RunningPlumbline['ctx'],
  clock: FixedClock,
  assets: number,
  now: Date,
  record: (step: string, count: number, unit: string, timing: Timing) => void,
): Promise<void> {
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
  const imported = await timed(() =>
    importAssetsCsv(ctx, systemActor, Buffer.from(generateAssetCsv(assets)), {
      dryRun: false,
      partial: false,
    }),
  );
  record('import assets', imported.result.created, 'assets', imported);
  const controls = await topUpControls(ctx);

  const generated = await timed(() => generateOccurrences(ctx, YEAR));
  record(
    `generate 12 months (${controls} controls)`,
    generated.result.created,
    'occurrences',
    generated,
  );

  clock.set(NOW);
  const work = await timed(() => recordSampleWork(ctx, now));
  record('record sample work (bulk SQL)', work.result, 'events', work);
}

/**
 * The client of the report downloads: another Node process (as an auditor's browser or script
 * would be), which GETs the URL, counts the body's bytes as they arrive and prints the count.
 */
const DOWNLOAD_CLIENT = `
const http = require('node:http');
http.get(process.argv[1], { headers: { authorization: process.argv[2] } }, (response) => {
  let bytes = 0;
  response.on('data', (chunk) => { bytes += chunk.length; });
  response.on('end', () => {
    if (response.statusCode !== 200) { console.error('status ' + response.statusCode); process.exit(1); }
    console.log(bytes);
  });
}).on('error', (error) => { console.error(error.message); process.exit(1); });`;

const execFileAsync = promisify(execFile);

/** GETs `url` from a separate process; the time includes starting it (about 40 ms). */
async function downloadCounting(url: string, authorization: string): Promise<{ bytes: number }> {
  const { stdout } = await execFileAsync(process.execPath, [
    '-e',
    DOWNLOAD_CLIENT,
    url,
    authorization,
  ]);
  return { bytes: Number(stdout.trim()) };
}

/**
 * Posture and effectiveness for `assets` generated assets × 60 controls over a year: generation,
 * sample work, live posture (use case and HTTP), posture at a past instant, the per-asset view,
 * and the year's effectiveness report for SOC 2 as JSON (use case and HTTP) and CSV.
 */
export async function benchPosture(options: {
  kind: BenchDatabase;
  assets: number;
  postgresUrl?: string;
  /** PostgreSQL: measure on this schema, built by an earlier run with keepSchema. */
  reuseSchema?: string;
  keepSchema?: boolean;
  /** Posture only: leave out the effectiveness report. */
  skipReport?: boolean;
  report: (measurement: PostureMeasurement) => void;
}): Promise<void> {
  const { kind } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-bench-posture-'));
  const target = await openBenchTarget(kind, dataDir, options.postgresUrl, {
    ...(options.reuseSchema !== undefined ? { reuseSchema: options.reuseSchema } : {}),
    keepSchema: options.keepSchema ?? false,
  });
  const reusing = options.reuseSchema !== undefined;
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  let running: RunningPlumbline | undefined;
  // Only the timing's figures: a step's result (an HTTP response, say) is not part of the report.
  const record = (step: string, count: number, unit: string, timing: Timing) =>
    options.report({
      database: kind,
      step,
      count,
      unit,
      seconds: timing.seconds,
      cpuSeconds: timing.cpuSeconds,
    });
  try {
    const started = performance.now();
    running = await startPlumbline({
      config: loadConfig({
        PLUMBLINE_DATA_DIR: dataDir,
        PLUMBLINE_LOG_LEVEL: 'silent',
        PLUMBLINE_SCHEDULER: 'false',
        PLUMBLINE_TIMEZONE: 'Europe/Berlin',
        PLUMBLINE_SECRET_KEY: BENCH_SECRET_KEY,
      }),
      database: target.database,
      webRoot: '',
      clock,
    });
    const { app, ctx } = running;
    if (reusing)
      record('start (pending migrations)', 0, 'steps', {
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: 0,
      });
    const now = new Date(NOW);
    if (!reusing) await buildData(ctx, clock, options.assets, now, record);
    clock.set(NOW);

    const { token } = await createApiToken(ctx, systemActor, { name: 'bench', role: 'auditor' });
    const authorization = `Bearer ${token}`;
    const query = { atRiskDays: 7 };
    for (const round of ['cold', 'warm']) {
      const live = await timed(() => evaluatePosture(ctx, query));
      record(`posture now, use case (${round})`, live.result.controls.length, 'controls', live);
    }
    // Old and new side by side on the same data: the counts (what evaluatePosture reads now)
    // and the reference query classifying every current occurrence (what it read before).
    const inputs = await postureInputs(ctx, { ...query, at: NOW });
    const countArgs = [ctx.db, inputs.at, inputs.atRiskUntil, inputs.lookbacks] as const;
    for (const round of [1, 2, 3]) {
      const counted = await timed(() =>
        postureCountsRepository.currentCountsByControl(...countArgs),
      );
      if (counted.result === null) throw new Error('The counts declined the live instant');
      record(`posture counts query, now (${round})`, counted.result.length, 'controls', counted);
      const reference = await timed(() => postureRepository.currentCountsByControl(...countArgs));
      record(
        `posture reference query, now (${round})`,
        reference.result.length,
        'controls',
        reference,
      );
    }
    // The dashboard's answer: computed on the first request, then reused (see live-posture.ts).
    for (const round of ['first', 'again']) {
      const liveHttp = await timed(() =>
        app.inject({ method: 'GET', url: '/api/v1/posture', headers: { authorization } }),
      );
      if (liveHttp.result.statusCode !== 200) throw new Error(liveHttp.result.body.slice(0, 500));
      record(`GET /api/v1/posture (${round})`, 60, 'controls', liveHttp);
    }
    clock.set(new Date(now.getTime() + 31_000).toISOString());
    const expired = await timed(() => livePosture(ctx, query));
    record(
      'live posture after 31 s (recomputed)',
      expired.result.controls.length,
      'controls',
      expired,
    );
    const reused = await timed(() => livePosture(ctx, query));
    record('live posture again (reused)', reused.result.controls.length, 'controls', reused);
    clock.set(NOW);
    // The floor of the same run: the cheapest request the server answers (one statement).
    for (const round of [1, 2, 3]) {
      const health = await timed(() => app.inject({ method: 'GET', url: '/api/v1/health' }));
      record(`floor: GET /api/v1/health (${round})`, 1, 'requests', health);
    }
    for (const round of [1, 2, 3]) {
      const past = await timed(() => evaluatePosture(ctx, { ...query, at: PAST_INSTANT }));
      record(
        `posture at ${PAST_INSTANT} (${round})`,
        past.result.controls.length,
        'controls',
        past,
      );
    }
    for (const round of [1, 2, 3]) {
      const assets = await timed(() => listAssetPosture(ctx, query));
      record(`posture per asset now (${round})`, assets.result.items.length, 'assets', assets);
    }
    // Over HTTP, serialised: every asset (the web UI's Posture page), and the first page of 100.
    for (const [url, count] of [
      ['/api/v1/posture/assets', options.assets],
      ['/api/v1/posture/assets?limit=100', 100],
    ] as const) {
      for (const round of [1, 2]) {
        const perAsset = await timed(() =>
          app.inject({ method: 'GET', url, headers: { authorization } }),
        );
        if (perAsset.result.statusCode !== 200) throw new Error(perAsset.result.body.slice(0, 500));
        record(`GET ${url} (${round})`, count, 'assets at most', perAsset);
      }
    }
    // The dashboard's history: its finished months computed on the first request, then kept.
    for (const round of ['first', 'again', 'again']) {
      const history = await timed(() =>
        app.inject({
          method: 'GET',
          url: '/api/v1/posture/history?months=12',
          headers: { authorization },
        }),
      );
      if (history.result.statusCode !== 200) throw new Error(history.result.body.slice(0, 500));
      record(`GET /api/v1/posture/history (${round})`, 12, 'months', history);
    }

    if (options.skipReport) return;
    const period = { framework: 'soc2', from: '2026-01-01', to: '2026-12-31' };
    const report = await timed(() => reportEffectiveness(ctx, period));
    record('effectiveness soc2 2026, use case', report.result.rows.length, 'rows', report);
    // Over a real connection, read by another process as it arrives (not kept).
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const round of [1, 2]) {
      for (const format of ['json', 'csv'] as const) {
        const download = await timed(() =>
          downloadCounting(
            `${address}/api/v1/reports/effectiveness?framework=soc2&from=2026-01-01&to=2026-12-31&format=${format}`,
            authorization,
          ),
        );
        record(
          `GET effectiveness ${format.toUpperCase()} (${Math.round(download.result.bytes / 1e6)} MB, ${round})`,
          report.result.rows.length,
          'rows',
          download,
        );
      }
    }
  } finally {
    if (running) await running.close();
    else await target.database.close();
    await target.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
