import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/program.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { withBenchPlumbline } from './bench-server.js';
import { option, benchDatabases, sampleMemory, type BenchDatabase } from './harness.js';

/*
 * `npx tsx bench/backup-ingest.ts [--runs N] [--assets N] [--only pglite|postgresql]`: ingests N
 * generated backup runs (default 1,000,000, spread over 1,000 assets) twice per database:
 *   1. through the batch API, POST /api/v1/backup-runs with 10,000 runs per request;
 *   2. through `plumbline backups ingest --format plumbline FILE`, the CLI streaming an NDJSON file
 *      generated on disk to POST /api/v1/backup-runs/import (one transaction, batches of 1,000).
 * Client and server share this process (a real listening socket), so peak RSS covers both. On
 * PGlite and, when PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL is set, PostgreSQL.
 * Results are printed and written to bench/out/backup-ingest-N.json; never asserted by tests.
 */

interface IngestMeasurement {
  database: BenchDatabase;
  path: 'batch-api' | 'cli-file-stream';
  runs: number;
  seconds: number;
  runsPerSecond: number;
  /** Resident set size before the step and the highest sampled during it, in MiB. */
  rssBeforeMiB: number;
  peakRssMiB: number;
  /** The JavaScript heap alone: PGlite's database memory is in the RSS but not in the heap. */
  heapBeforeMiB: number;
  peakHeapMiB: number;
}

const argv = process.argv.slice(2);
const runCount = Number(option(argv, '--runs') ?? '1000000');
const assetCount = Number(option(argv, '--assets') ?? '1000');
if (!Number.isInteger(runCount) || runCount < 1)
  throw new Error(`--runs must be a whole number, not ${runCount}`);
if (!Number.isInteger(assetCount) || assetCount < 1 || assetCount > 10_000) {
  throw new Error(`--assets must be a whole number from 1 to 10000, not ${assetCount}`);
}
const { postgresUrl, only, targets } = benchDatabases(option(argv, '--only'));

const BATCH = 10_000;
const DAY_MS = 86_400_000;
const START = Date.parse('2024-01-01T02:00:00Z');
const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'partial'] as const;

const assetKey = (index: number) => `bench-asset-${String(index).padStart(5, '0')}`;

/** Run number `index` of a stream: assets take turns, each backed up once a day. */
function generatedRun(prefix: string, index: number) {
  const startedAt = START + Math.floor(index / assetCount) * DAY_MS + (index % assetCount) * 1000;
  return {
    asset: assetKey(index % assetCount),
    tool: 'bench',
    externalId: `${prefix}-${index}`,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(startedAt + 600_000).toISOString(),
    status: STATUSES[index % STATUSES.length]!,
    sizeBytes: 1_000_000 + index,
    encrypted: true,
  };
}

/** Samples the resident set size and the heap until stopped; returns the highest values seen. */
const MiB = 1024 * 1024;

async function measure(
  database: BenchDatabase,
  ingestPath: IngestMeasurement['path'],
  work: () => Promise<void>,
): Promise<IngestMeasurement> {
  global.gc?.();
  const before = process.memoryUsage();
  const sampler = sampleMemory();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const peak = sampler.stop();
  return {
    database,
    path: ingestPath,
    runs: runCount,
    seconds,
    runsPerSecond: Math.round(runCount / seconds),
    rssBeforeMiB: Math.round(before.rss / MiB),
    peakRssMiB: Math.round(peak.rss / MiB),
    heapBeforeMiB: Math.round(before.heapUsed / MiB),
    peakHeapMiB: Math.round(peak.heap / MiB),
  };
}

async function createAssets(url: string, adminToken: string): Promise<void> {
  const header = 'key,name,category,environment,owner_role,criticality,data_classification';
  const rows = Array.from(
    { length: assetCount },
    (_, index) =>
      `${assetKey(index)},Bench asset ${index},database,production,engineering,medium,confidential`,
  );
  const response = await fetch(`${url}/api/v1/assets/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
    body: `${[header, ...rows].join('\n')}\n`,
  });
  if (!response.ok)
    throw new Error(`asset import failed: ${response.status} ${await response.text()}`);
}

async function ingestThroughBatchApi(url: string, token: string): Promise<void> {
  for (let first = 0; first < runCount; first += BATCH) {
    const runs = [];
    for (let index = first; index < Math.min(first + BATCH, runCount); index += 1) {
      runs.push(generatedRun('batch', index));
    }
    const response = await fetch(`${url}/api/v1/backup-runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ runs }),
    });
    const result = (await response.json()) as { created?: number };
    if (response.status !== 201 || result.created !== runs.length) {
      throw new Error(
        `batch at ${first}: ${response.status} ${JSON.stringify(result).slice(0, 500)}`,
      );
    }
  }
}

/** Writes the NDJSON file in chunks (the generator itself must not hold a million runs). */
async function writeNdjson(file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  for (let first = 0; first < runCount; first += BATCH) {
    const lines: string[] = [];
    for (let index = first; index < Math.min(first + BATCH, runCount); index += 1) {
      lines.push(JSON.stringify(generatedRun('file', index)));
    }
    if (!out.write(`${lines.join('\n')}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return fs.statSync(file).size;
}

async function ingestThroughCli(url: string, token: string, file: string): Promise<void> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    ['--url', url, '--token', token, '--json', 'backups', 'ingest', '--format', 'plumbline', file],
    {
      output: {
        out: (text) => (stdout += text),
        err: (text) => (stderr += text),
        write: (piece) => {
          stdout += piece;
          return Promise.resolve();
        },
      },
      env: {},
    },
  );
  const result = code === 0 ? (JSON.parse(stdout) as { created: number }) : null;
  if (result?.created !== runCount)
    throw new Error(`ingest exited ${code}: ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`);
}

async function benchDatabase(
  kind: BenchDatabase,
  report: (m: IngestMeasurement) => void,
): Promise<void> {
  return withBenchPlumbline(kind, 'backups', postgresUrl, async (running, dataDir) => {
    const url = await running.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await createApiToken(running.ctx, systemActor, {
      name: 'bench-admin',
      role: 'admin',
    });
    const writer = await createApiToken(running.ctx, systemActor, {
      name: 'bench-writer',
      role: 'backup-writer',
    });
    await createAssets(url, admin.token);

    report(await measure(kind, 'batch-api', () => ingestThroughBatchApi(url, writer.token)));
    const file = path.join(dataDir, 'runs.ndjson');
    const bytes = await writeNdjson(file);
    console.log(`${kind}: generated ${file} (${Math.round(bytes / MiB)} MiB)`);
    report(await measure(kind, 'cli-file-stream', () => ingestThroughCli(url, writer.token, file)));
    fs.rmSync(file);
  });
}

const measurements: IngestMeasurement[] = [];
for (const kind of targets) {
  await benchDatabase(kind, (measurement) => {
    measurements.push(measurement);
    const {
      database,
      path: ingestPath,
      runs,
      seconds,
      runsPerSecond,
      rssBeforeMiB,
      peakRssMiB,
      heapBeforeMiB,
      peakHeapMiB,
    } = measurement;
    console.log(
      `${database} ${ingestPath}: ${runs} runs in ${seconds.toFixed(1)} s = ${runsPerSecond} runs/s; RSS ${rssBeforeMiB} MiB before, ${peakRssMiB} MiB peak; JS heap ${heapBeforeMiB} MiB before, ${peakHeapMiB} MiB peak`,
    );
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, `backup-ingest-${runCount}${only ? `-${only}` : ''}.json`);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      runs: runCount,
      assets: assetCount,
      load: os.loadavg(),
      measurements,
    },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
