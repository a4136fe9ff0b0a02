import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startAccessReview } from '../src/modules/access-reviews/start-access-review.js';
import { importAccounts } from '../src/modules/accounts/import-accounts.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { withBenchPlumbline } from './bench-server.js';
import { option, benchDatabases, type BenchDatabase } from './harness.js';

/*
 * `npx tsx bench/access-reviews.ts [--accounts N] [--review M] [--only pglite|postgresql]`:
 * imports a system's account snapshot of N accounts (default 50,000) through the import use case,
 * then the same listing again a day later (every account already recorded), then starts the
 * quarterly access review of a system of M accounts (default 5,000). Beside each figure, floors
 * measured in the same run on the same database: N rows of the same width inserted into a bare
 * table 1,000 at a time (the snapshot's floor), and M rows copied by one INSERT … SELECT into a
 * bare table (the campaign's floor). Targets (issue 15, PostgreSQL): a 50,000-account snapshot
 * ≤ 5 s, a campaign of 5,000 accounts ≤ 2 s. Written to bench/out/access-reviews-N-M.json; never
 * asserted by tests.
 */

type Step = 'insert-floor' | 'snapshot' | 'snapshot-again' | 'copy-floor' | 'start-campaign';

interface Measurement {
  database: BenchDatabase;
  step: Step;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

function wholeNumber(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a whole number`);
  return parsed;
}

const argv = process.argv.slice(2);
const accountCount = wholeNumber(option(argv, '--accounts') ?? '50000', '--accounts');
const reviewCount = wholeNumber(option(argv, '--review') ?? '5000', '--review');
const { postgresUrl, only, targets } = benchDatabases(option(argv, '--only'));

const HEADER = 'username,email,roles,privileged,mfa_enabled,disabled,last_login';

/** A system's account listing in the documented CSV format: every 20th account privileged. */
function accountsCsv(count: number): string {
  const lines = [HEADER];
  for (let index = 0; index < count; index += 1) {
    const name = `user-${String(index).padStart(6, '0')}`;
    lines.push(
      `${name},${name}@bench.example,developer;reader,${index % 20 === 0},true,false,2026-11-${String(1 + (index % 28)).padStart(2, '0')}T08:00:00Z`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function measure(
  database: BenchDatabase,
  step: Step,
  rows: number,
  work: () => Promise<unknown>,
): Promise<Measurement> {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return { database, step, rows, seconds, rowsPerSecond: Math.round(rows / seconds) };
}

async function benchDatabase(kind: BenchDatabase, report: (m: Measurement) => void) {
  return withBenchPlumbline(kind, 'access', postgresUrl, async (running) => {
    const { ctx, app } = running;
    const admin = await createApiToken(ctx, systemActor, { name: 'bench-admin', role: 'admin' });
    for (const key of ['bench-large', 'bench-review']) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/assets',
        headers: { authorization: `Bearer ${admin.token}` },
        payload: {
          key,
          name: key,
          category: 'cloud-service',
          environment: 'production',
          ownerRole: 'security',
          criticality: 'medium',
          dataClassification: 'confidential',
        },
      });
      if (created.statusCode !== 201) throw new Error(`asset ${key}: ${created.body}`);
    }

    const db = ctx.db;
    await sql`create table bench_floor (a text, b text, c text, d boolean, e boolean, f boolean, g timestamptz)`.execute(
      db,
    );
    report(
      await measure(kind, 'insert-floor', accountCount, () =>
        db.transaction().execute(async (trx) => {
          for (let first = 0; first < accountCount; first += 1000) {
            const rows = [];
            for (let i = first; i < Math.min(accountCount, first + 1000); i += 1) {
              rows.push(
                sql`(${`user-${i}`}, ${`user-${i}@bench.example`}, ${'["developer","reader"]'}, ${i % 20 === 0}, ${true}, ${false}, ${new Date('2026-11-01T08:00:00Z')})`,
              );
            }
            await sql`insert into bench_floor values ${sql.join(rows)}`.execute(trx);
          }
        }),
      ),
    );

    const large = accountsCsv(accountCount);
    const snapshot = (takenAt: string) =>
      importAccounts(ctx, systemActor, Readable.from([large]), {
        asset: 'bench-large',
        format: 'csv',
        takenAt: new Date(takenAt),
      });
    report(await measure(kind, 'snapshot', accountCount, () => snapshot('2026-12-01T08:00:00Z')));
    report(
      await measure(kind, 'snapshot-again', accountCount, () => snapshot('2026-12-02T08:00:00Z')),
    );

    await importAccounts(ctx, systemActor, Readable.from([accountsCsv(reviewCount)]), {
      asset: 'bench-review',
      format: 'csv',
      takenAt: new Date('2026-12-01T08:00:00Z'),
    });
    await sql`create table bench_copy (a text, b text, c text, d boolean, e boolean, f boolean, g timestamptz)`.execute(
      db,
    );
    report(
      await measure(kind, 'copy-floor', reviewCount, () =>
        sql`insert into bench_copy select a, b, c, d, e, f, g from bench_floor limit ${reviewCount}`.execute(
          db,
        ),
      ),
    );
    report(
      await measure(kind, 'start-campaign', reviewCount, async () => {
        const campaign = await startAccessReview(ctx, systemActor, {
          asset: 'bench-review',
          delegates: [],
        });
        if (campaign.progress.total !== reviewCount)
          throw new Error(`campaign of ${campaign.progress.total} accounts`);
      }),
    );
    await sql`drop table bench_copy`.execute(db);
    await sql`drop table bench_floor`.execute(db);
  });
}

const measurements: Measurement[] = [];
for (const kind of targets) {
  await benchDatabase(kind, (m) => {
    measurements.push(m);
    console.log(
      `${m.database} ${m.step}: ${m.rows} accounts in ${m.seconds.toFixed(2)} s = ${m.rowsPerSecond} accounts/s`,
    );
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(
  outDirectory,
  `access-reviews-${accountCount}-${reviewCount}${only ? `-${only}` : ''}.json`,
);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      accounts: accountCount,
      review: reviewCount,
      load: os.loadavg(),
      measurements,
    },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
