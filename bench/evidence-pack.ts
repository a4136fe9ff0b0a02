import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { loadConfig } from '../src/app/config.js';
import { startPlumbline } from '../src/app/start.js';
import { generateOccurrences } from '../src/modules/occurrences/generate-occurrences.js';
import { buildEvidencePack } from '../src/modules/packs/build-evidence-pack.js';
import { verifyPack } from '../src/modules/packs/verify-pack.js';
import { assetInputSchema } from '../src/modules/register/asset.schema.js';
import { createAsset } from '../src/modules/register/create-asset.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { FixedClock } from '../src/platform/clock.js';
import { openBenchTarget } from './bench-database.js';

/*
 * `npx tsx bench/evidence-pack.ts [--files 10000] [--mb 1024] [--assets 200]`: an evidence pack of
 * a year (2026) with N evidence files totalling M MB (random bytes, so nothing compresses), built
 * on PostgreSQL when PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL is set (PGlite
 * otherwise, whose own ~350 MB live in the same process). Prints the build time, throughput and
 * peak RSS sampled during the build, then `zip -0 -r` over the same plaintext files, and the
 * time of `pack verify`. Timings are for reading, never asserted.
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

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
      sha256: stored.sha256,
      size_bytes: stored.sizeBytes,
      content_type: 'application/octet-stream',
      filename: `evidence-${index}.bin`,
      storage_key: stored.storageKey,
      uploaded_by: 'bench',
      uploaded_at: new Date(Math.min(occurrence.due_at.getTime(), Date.UTC(2026, 11, 30))),
    });
    if (rows.length === 500 || index === files - 1) {
      await ctx.db.insertInto('evidence_files').values(rows.splice(0)).execute();
    }
  }
  console.log(
    `${kind}: seeded ${assetCount} assets, ${generated.created} occurrences, ${files} evidence files of ${fileBytes} bytes (${mb(files * fileBytes)} MB) in ${((performance.now() - seconds) / 1000).toFixed(1)} s`,
  );

  clock.set('2027-01-10T00:00:00Z');
  const outPath = path.join(work, 'pack.zip');
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const marks: [number, number, number][] = [];
  seconds = performance.now();
  const built = await buildEvidencePack(ctx, {
    framework: 'iso13485',
    from: '2026-01-01',
    to: '2026-12-31',
    outPath,
    onProgress: (done, total) => {
      marks.push([done, total, performance.now()]);
    },
  });
  const packSeconds = (performance.now() - seconds) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  // Where the time went: before the first file, registers, evidence files, index.html, index.pdf.
  const at = (done: number) => marks.find(([filesDone]) => filesDone === done)?.[2] ?? seconds;
  const registersDone = 1 + 10;
  const evidenceDone = registersDone + files;
  const phases = [
    ['queries before the first file', seconds, at(1)],
    ['registers', at(1), at(registersDone)],
    ['evidence files', at(registersDone), at(evidenceDone)],
    ['index.html', at(evidenceDone), at(evidenceDone + 1)],
    ['index.pdf', at(evidenceDone + 1), at(evidenceDone + 2)],
  ] as const;
  console.log(
    phases.map(([name, from, to]) => `${name} ${((to - from) / 1000).toFixed(1)} s`).join('; '),
  );
  console.log(
    `pack: ${built.manifest.files.length} files, ${mb(built.sizeBytes)} MB in ${packSeconds.toFixed(1)} s (${(built.sizeBytes / 1024 / 1024 / packSeconds).toFixed(0)} MB/s); RSS ${mb(baseline)} MB before, peak ${mb(peak)} MB during the build`,
  );

  // Run with `node --expose-gc --import tsx` to see how much of the peak was garbage.
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    const usage = process.memoryUsage();
    console.log(
      `after a full garbage collection: RSS ${mb(usage.rss)} MB, heap used ${mb(usage.heapUsed)} MB, buffers ${mb(usage.arrayBuffers)} MB`,
    );
  }

  seconds = performance.now();
  execFileSync('zip', ['-0', '-r', '-q', path.join(work, 'plain.zip'), '.'], { cwd: plainDir });
  const zipSeconds = (performance.now() - seconds) / 1000;
  console.log(
    `zip -0 -r over the same ${files} plaintext files: ${zipSeconds.toFixed(1)} s; pack/zip = ${(packSeconds / zipSeconds).toFixed(2)}`,
  );

  seconds = performance.now();
  const verified = await verifyPack(outPath);
  console.log(
    `pack verify: ${verified.intact ? 'intact' : 'NOT intact'}, ${verified.checkedFiles} files in ${((performance.now() - seconds) / 1000).toFixed(1)} s; load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await running.close();
  await target.dispose();
  fs.rmSync(work, { recursive: true, force: true });
}
