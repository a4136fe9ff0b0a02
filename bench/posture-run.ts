import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPosture, type PostureMeasurement } from './posture.js';
import { option, benchDatabases } from './harness.js';

/*
 * `npx tsx bench/posture-run.ts [--assets N] [--only pglite|postgresql]`: posture and
 * effectiveness for N generated assets (default 10,000) × 60 controls over a year, on PGlite and,
 * when PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL is set, PostgreSQL. Results are
 * printed and written to bench/out/posture.json; never asserted by tests.
 *
 * Building the data (generation and sample work) takes minutes on PostgreSQL: `--keep-schema`
 * keeps the benchmark's schema instead of dropping it and prints its name; `--reuse-schema NAME`
 * measures on that schema again without rebuilding it (pending migrations run first, so a
 * migration's backfill is measured on the built data; drop the schema by hand when done).
 * `--skip-report` measures posture only.
 */
const argv = process.argv.slice(2);
const assets = Number(option(argv, '--assets') ?? '10000');
if (!Number.isInteger(assets) || assets < 1 || assets > 10_000) {
  throw new Error(`--assets must be a whole number from 1 to 10000, not ${assets}`);
}
const { postgresUrl, only, targets } = benchDatabases(option(argv, '--only'));

const reuseSchema = option(argv, '--reuse-schema');
const keepSchema = argv.includes('--keep-schema');
if ((reuseSchema !== undefined || keepSchema) && only !== 'postgresql') {
  throw new Error('--keep-schema and --reuse-schema need --only postgresql');
}

const measurements: PostureMeasurement[] = [];
for (const kind of targets) {
  await benchPosture({
    kind,
    assets,
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(reuseSchema !== undefined ? { reuseSchema } : {}),
    keepSchema,
    skipReport: argv.includes('--skip-report'),
    report(measurement) {
      measurements.push(measurement);
      const { database, step, count, unit, seconds, cpuSeconds } = measurement;
      console.log(
        `${database} ${step}: ${count} ${unit} in ${seconds.toFixed(3)} s (CPU ${cpuSeconds.toFixed(3)} s, load ${os.loadavg()[0]!.toFixed(1)})`,
      );
    },
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, `posture-${assets}${only ? `-${only}` : ''}.json`);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, assets, measurements },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
