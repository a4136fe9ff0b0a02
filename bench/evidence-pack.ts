import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { loadConfig } from '../src/platform/config.js';
import { startPlumbline } from '../src/app/start.js';
import { generateOccurrences } from '../src/modules/occurrences/generate-occurrences.js';
import { verifyPack } from '../src/modules/packs/verify-pack.js';
import { assetInputSchema } from '../src/modules/register/asset.schema.js';
import { createAsset } from '../src/modules/register/create-asset.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { FixedClock } from '../src/platform/clock.js';
import { openBenchTarget } from './bench-database.js';
import { runBuildProcess } from './evidence-pack-build.js';

/*
 * `npx tsx bench/evidence-pack.ts [--files 10000] [--mb 1024] [--assets 200]`: an evidence pack of
 * a year (2026) with N evidence files totalling M MB (random bytes, so nothing compresses), built
 * on PostgreSQL when PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL is set (PGlite
 * otherwise). The build itself runs in a child process on the compiled code (run
 * `npm run build:server` first). Prints the build time by phase, throughput and peak RSS of that
 * process, then `zip -0 -r` over the same plaintext files, the ratio, and the time of
 * `pack verify`, with the load average. Timings are for reading, never asserted.
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function textOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

const files = option('files', 10_000);
const megabytes = option('mb', 1024);
const assetCount = option('assets', 200);
const fileBytes = Math.max(1, Math.floor((megabytes * 1024 * 1024) / files));
const url = process.env.PLUMBLINE_BENCH_DATABASE_URL ?? process.env.PLUMBLINE_TEST_DATABASE_URL;
const kind = url ? 'postgresql' : 'pglite';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-pack-bench-'));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const clock = new FixedClock('2026-01-01T00:00:00Z');
const config = loadConfig({
  PLUMBLINE_DATA_DIR: path.join(work, 'data'),
  PLUMBLINE_LOG_LEVEL: 'silent',
  PLUMBLINE_SECRET_KEY: randomBytes(32).toString('base64'),
  PLUMBLINE_TIMEZONE: 'Europe/Berlin',
  PLUMBLINE_SCHEDULER: 'false',
});
fs.mkdirSync(config.dataDir, { recursive: true });
const target = await openBenchTarget(kind, path.join(work, 'pglite'), url);
const running = await startPlumbline({ config, database: target.database, webRoot: '', clock });
const { ctx } = running;
let closed = false;
try {
  let seconds = performance.now();
  for (let index = 0; index < assetCount; index += 1) {
    await createAsset(
      ctx,
      systemActor,
      assetInputSchema.parse({
        key: `srv-${String(index).padStart(4, '0')}`,
        name: `Server ${index}`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      }),
    );
  }
  const generated = await generateOccurrences(ctx, {
    from: new Date('2026-01-01T00:00:00Z'),
    until: new Date('2027-01-01T00:00:00Z'),
  });
  const occurrences = await ctx.db
    .selectFrom('occurrences')
    .select(['id', 'due_at'])
    .where('due_at', '>', new Date('2026-01-01T00:00:00Z'))
    .where('due_at', '<=', new Date('2026-12-31T23:00:00Z'))
    .orderBy('id')
    .limit(files)
    .execute();
  const plainDir = path.join(work, 'plain');
  fs.mkdirSync(plainDir);
  const rows = [];
  for (let index = 0; index < files; index += 1) {
    const bytes = randomBytes(fileBytes);
    const stored = await ctx.evidenceStore.put(Readable.from([bytes]));
    const occurrence = occurrences[index % occurrences.length]!;
    fs.writeFileSync(path.join(plainDir, `evidence-${index}.bin`), bytes);
    rows.push({
      occurrence_id: occurrence.id,
      record_type: 'occurrence',
      record_id: occurrence.id,
      sha256: stored.sha256,
      size_bytes: stored.sizeBytes,
      content_type: 'application/octet-stream',
      filename: `evidence-${index}.bin`,
      storage_key: stored.storageKey,
      uploaded_by: 'bench',
      uploaded_at: new Date(Math.min(occurrence.due_at.getTime(), Date.UTC(2026, 11, 30))),
    });
    if (rows.length === 500 || index === files - 1) {
      await ctx.db.insertInto('evidence_attachments').values(rows.splice(0)).execute();
    }
  }
  console.log(
    `${kind}: seeded ${assetCount} assets, ${generated.created} occurrences, ${files} evidence files of ${fileBytes} bytes (${mb(files * fileBytes)} MB) in ${((performance.now() - seconds) / 1000).toFixed(1)} s`,
  );

  await running.close();
  closed = true;

  // The build runs in a fresh process on the compiled server code (dist/, as `plumbline serve`
  // runs it), so its memory is the pack's plus a server's, not the seeding's or tsx's.
  const outPath = path.join(work, 'pack.zip');
  const builds: [string, number][] = [];
  const buildOnce = async (label: string, dist: string | undefined) => {
    fs.rmSync(outPath, { force: true });
    const build = await runBuildProcess({
      dataDir: config.dataDir,
      secretKey: config.secretKey!.toString('base64'),
      database: url ? { kind: 'postgresql', url, schema: target.schema } : { kind: 'pglite' },
      pgliteDir: path.join(work, 'pglite'),
      outPath,
      files,
      dist,
    });
    console.log(
      `${label}: ${build.phases.map(([name, phaseSeconds]) => `${name} ${phaseSeconds.toFixed(1)} s`).join('; ')}`,
    );
    console.log(
      `${label}: ${build.entries} files, ${mb(build.sizeBytes)} MB in ${build.seconds.toFixed(1)} s (${(build.sizeBytes / 1024 / 1024 / build.seconds).toFixed(0)} MB/s); RSS ${mb(build.rssBefore)} MB before, peak ${mb(build.peakRss)} MB (sampled every 50 ms), max RSS of the process ${mb(build.maxRss)} MB; heap used after ${mb(build.heapAfter)} MB; load ${load()}`,
    );
    builds.push([label, build.seconds]);
  };
  // An A/B on the same data: `--compare DIR` alternates builds with another compiled tree (an
  // older dist/) and this one, so the machine's load weighs on both alike. The last build is kept
  // for `pack verify`.
  const compare = textOption('compare');
  if (compare) {
    await buildOnce(`compare ${compare}`, compare);
    await buildOnce('pack', undefined);
    await buildOnce(`compare ${compare}`, compare);
  }
  await buildOnce('pack', undefined);

  seconds = performance.now();
  execFileSync('zip', ['-0', '-r', '-q', path.join(work, 'plain.zip'), '.'], { cwd: plainDir });
  const zipSeconds = (performance.now() - seconds) / 1000;
  console.log(
    `zip -0 -r over the same ${files} plaintext files: ${zipSeconds.toFixed(1)} s; load ${load()}`,
  );
  for (const [label, buildSeconds] of builds) {
    console.log(
      `${label}: ${buildSeconds.toFixed(1)} s, ${(buildSeconds / zipSeconds).toFixed(2)} × zip -0`,
    );
  }

  seconds = performance.now();
  const verified = await verifyPack(outPath);
  console.log(
    `pack verify: ${verified.intact ? 'intact' : 'NOT intact'}, ${verified.checkedFiles} files in ${((performance.now() - seconds) / 1000).toFixed(1)} s; load ${load()}`,
  );
} finally {
  if (!closed) await running.close();
  await target.dispose();
  fs.rmSync(work, { recursive: true, force: true });
}
