import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDatabases } from './harness.js';
import { benchRegisterImport, type Measurement } from './register-import.js';

/*
 * `npm run bench [-- --rows N]`: the register import benchmark on embedded PGlite and, when
 * PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL names a PostgreSQL server, on
 * PostgreSQL too (in a schema of its own, dropped afterwards). Results are printed and written
 * to bench/out/register-import.json. Timings are for reading, never asserted by tests.
 */

function rowsFromArguments(argv: string[]): number {
  const index = argv.indexOf('--rows');
  const value = index === -1 ? '10000' : argv[index + 1];
  const rows = Number(value);
  if (!Number.isInteger(rows) || rows < 1 || rows > 10_000) {
    throw new Error(`--rows must be a whole number from 1 to 10000 (the list limit), not ${value}`);
  }
  return rows;
}

function describe(measurement: Measurement): string {
  const rate = Math.round(measurement.rows / measurement.seconds);
  const { database, step, rows, unit, seconds } = measurement;
  return `${database} ${step} ${rows} ${unit}: ${seconds.toFixed(2)} s (${rate} ${unit}/s)`;
}

const rows = rowsFromArguments(process.argv.slice(2));
const { postgresUrl, targets } = benchDatabases(undefined);

const measurements: Measurement[] = [];
for (const kind of targets) {
  await benchRegisterImport({
    kind,
    rows,
    ...(postgresUrl ? { postgresUrl } : {}),
    report(measurement) {
      measurements.push(measurement);
      console.log(describe(measurement));
    },
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, 'register-import.json');
fs.writeFileSync(
  outFile,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, rows, measurements },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);

// `npm run bench -- --posture [--assets N]` adds the posture and effectiveness benchmark.
if (process.argv.includes('--posture')) await import('./posture-run.js');

// `npm run bench -- --overdue-findings [--assets N]` adds the overdue findings list benchmark.
if (process.argv.includes('--overdue-findings')) await import('./overdue-findings.js');

// `npm run bench -- --search [--assets N]` adds the Ctrl-K search benchmark.
if (process.argv.includes('--search')) await import('./search.js');
