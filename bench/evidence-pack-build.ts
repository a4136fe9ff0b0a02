import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildProcessOptions {
  dataDir: string;
  secretKey: string;
  database: { kind: 'postgresql'; url: string; schema: string | undefined } | { kind: 'pglite' };
  pgliteDir: string;
  outPath: string;
  files: number;
  /** A compiled tree other than ./dist (an A/B against an older build). */
  dist?: string | undefined;
}

export interface BuildProcessResult {
  seconds: number;
  phases: [string, number][];
  entries: number;
  sizeBytes: number;
  rssBefore: number;
  peakRss: number;
  maxRss: number;
  heapAfter: number;
}

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/*
 * The child: compiled server code only (no tsx), the whole server started as `plumbline serve`
 * starts it, then the ISO 13485 pack of 2026 built through the use case. RSS is sampled every
 * 50 ms, and the kernel's maximum RSS of the process is read at the end (the true peak).
 */
const CHILD = `
const p = JSON.parse(process.env.PLUMBLINE_PACK_BENCH);
const [{ loadConfig }, { startPlumbline }, { openDatabase }, { buildEvidencePack }, { FixedClock }] =
  await Promise.all(['platform/config.js', 'app/start.js', 'platform/db/connect.js',
    'modules/packs/build-evidence-pack.js', 'platform/clock.js'].map((m) => import(p.dist + '/' + m)));
const config = loadConfig({
  PLUMBLINE_DATA_DIR: p.dataDir, PLUMBLINE_LOG_LEVEL: 'silent', PLUMBLINE_SECRET_KEY: p.secretKey,
  PLUMBLINE_TIMEZONE: 'Europe/Berlin', PLUMBLINE_SCHEDULER: 'false',
});
const database = await openDatabase(p.database.kind === 'postgresql'
  ? { kind: 'postgresql', url: p.database.url, schema: p.database.schema, poolSize: 4 }
  : { kind: 'pglite', dataDir: p.pgliteDir });
const running = await startPlumbline({ config, database, webRoot: '',
  clock: new FixedClock('2027-01-10T00:00:00Z') });
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
const marks = [];
const started = performance.now();
const built = await buildEvidencePack(running.ctx, {
  framework: 'iso13485', from: '2026-01-01', to: '2026-12-31', outPath: p.outPath,
  onProgress: (done, total) => { marks.push([done, total, performance.now()]); },
});
const ended = performance.now();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const at = (done) => marks.find(([d]) => d === done)?.[2] ?? started;
const registersDone = 1 + (marks[0][1] - p.files - 5);
const evidenceDone = registersDone + p.files;
const phases = [
  ['queries before the first file', started, at(1)],
  ['registers', at(1), at(registersDone)],
  ['evidence files', at(registersDone), at(evidenceDone)],
  ['index.html', at(evidenceDone), at(evidenceDone + 1)],
  ['index.pdf', at(evidenceDone + 1), at(evidenceDone + 2)],
  ['manifest and zip directory', at(evidenceDone + 2), ended],
].map(([name, from, to]) => [name, (to - from) / 1000]);
const maxRss = process.resourceUsage().maxRSS * 1024;
const heapAfter = process.memoryUsage().heapUsed;
await running.close();
process.stdout.write(JSON.stringify({ seconds: (ended - started) / 1000, phases,
  entries: built.manifest.files.length, sizeBytes: built.sizeBytes, rssBefore, peakRss, maxRss,
  heapAfter }));
`;

/** Builds the pack in a fresh Node process on dist/ and returns its figures. */
export async function runBuildProcess(options: BuildProcessOptions): Promise<BuildProcessResult> {
  const dist = path.resolve(options.dist ?? DIST);
  if (!fs.existsSync(path.join(dist, 'modules/packs/build-evidence-pack.js'))) {
    throw new Error(`No compiled code in ${dist}: run npm run build:server`);
  }
  // PLUMBLINE_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the build process.
  const nodeArgs = (process.env.PLUMBLINE_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', CHILD], {
    env: { ...process.env, PLUMBLINE_PACK_BENCH: JSON.stringify({ ...options, dist }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`The pack build process exited with ${code}`);
  return JSON.parse(output) as BuildProcessResult;
}
