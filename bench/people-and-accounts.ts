import type { RunningPlumbline } from '../src/app/start.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startAccessReview } from '../src/modules/access-reviews/start-access-review.js';
import { importAccounts } from '../src/modules/accounts/import-accounts.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { importPeople } from '../src/modules/people/import-people.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { withBenchPlumbline } from './bench-server.js';
import { benchDatabases, type BenchDatabase } from './harness.js';

/*
 * `npx tsx bench/people-and-accounts.ts [--people N] [--systems S] [--per-system A] [--leavers L]
 * [--review R] [--only pglite|postgresql]`: issue 15's workforce at scale. Imports N people (default 10,000),
 * then a snapshot of A accounts (default 1,000) on each of S systems (default 50), every account
 * held by a person of the register (each person holds S×A/N accounts). Then L people leave
 * (default 500: a people import with their status `left`), which starts a 24-hour revocation clock
 * on every account they hold, and every system's next snapshot shows those accounts disabled,
 * which stops the clocks. Last, one system's snapshot of all S×A accounts (50,000) twice: as
 * taken, then with the leavers' accounts disabled (comparing the snapshot with the open clocks).
 * Then the quarterly access review of a system of R accounts (default 5,000) is started. Beside
 * the figures, floors measured in the same run and database: N and S×A rows of the same width
 * inserted 1,000 a statement into bare tables, and R such rows copied by one `INSERT … SELECT`.
 * Targets (issue 15, PostgreSQL): a 50,000-account snapshot ≤ 5 s, a campaign of 5,000 accounts
 * ≤ 2 s. Written to bench/out/people-and-accounts.json; never asserted.
 */

interface Measurement {
  database: BenchDatabase;
  step: string;
  rows: number;
  seconds: number;
  peakHeapMiB?: number;
  detail?: Record<string, unknown>;
}

function option(argv: string[], name: string, fallback: string): number {
  const index = argv.indexOf(name);
  const value = Number(index === -1 ? fallback : argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
  return value;
}

const argv = process.argv.slice(2);
const peopleCount = option(argv, '--people', '10000');
const systemCount = option(argv, '--systems', '50');
const perSystem = option(argv, '--per-system', '1000');
const leaverCount = option(argv, '--leavers', '500');
const reviewCount = option(argv, '--review', '5000');
const accountTotal = systemCount * perSystem;
const onlyIndex = argv.indexOf('--only');
const { postgresUrl, only, targets } = benchDatabases(
  onlyIndex === -1 ? undefined : argv[onlyIndex + 1],
);

const email = (person: number) => `person-${String(person).padStart(6, '0')}@bench.example`;
const isLeaver = (person: number) => person < leaverCount;

/** The people register; the first `leaverCount` people marked as left when `withLeavers`. */
function peopleCsv(withLeavers: boolean): string {
  const lines = ['email,name,department,job_title,manager_email,status,start_date,end_date'];
  for (let person = 0; person < peopleCount; person += 1) {
    const left = withLeavers && isLeaver(person);
    lines.push(
      `${email(person)},Person ${person},Dept ${person % 40},Engineer,,${left ? 'left' : 'active'},2024-01-01,${left ? '2026-12-01' : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A system's account listing: `count` accounts starting at account number `first`, account k held
 * by person k mod N; the leavers' accounts disabled when `leaversDisabled`.
 */
function accountsCsv(first: number, count: number, leaversDisabled: boolean): string {
  const lines = ['username,email,roles,privileged,mfa_enabled,disabled,last_login'];
  for (let k = first; k < first + count; k += 1) {
    const person = k % peopleCount;
    const disabled = leaversDisabled && isLeaver(person);
    lines.push(
      `acct-${String(k).padStart(7, '0')},${email(person)},developer;reader,${k % 20 === 0},true,${disabled},2026-11-20T08:00:00Z`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Times `work`, sampling the JS heap every 20 ms (imports must keep memory flat). */
async function timed<T>(
  work: () => Promise<T>,
): Promise<{ seconds: number; result: T; peakHeapMiB: number }> {
  let peak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return {
      seconds: (performance.now() - started) / 1000,
      result,
      peakHeapMiB: Math.round(peak / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** N rows of `width` text columns inserted 1,000 a statement into a bare table. */
async function insertFloor(
  db: RunningPlumbline['ctx']['db'],
  table: string,
  rows: number,
  options: { keep?: boolean } = {},
): Promise<number> {
  await sql`create table ${sql.table(table)} (a text, b text, c text, d boolean, e boolean, f boolean, g timestamptz)`.execute(
    db,
  );
  const { seconds } = await timed(() =>
    db.transaction().execute(async (trx) => {
      for (let first = 0; first < rows; first += 1000) {
        const values = [];
        for (let i = first; i < Math.min(rows, first + 1000); i += 1) {
          values.push(
            sql`(${`acct-${i}`}, ${email(i % peopleCount)}, ${'["developer","reader"]'}, ${i % 20 === 0}, ${true}, ${false}, ${new Date('2026-11-20T08:00:00Z')})`,
          );
        }
        await sql`insert into ${sql.table(table)} values ${sql.join(values)}`.execute(trx);
      }
    }),
  );
  if (!options.keep) await sql`drop table ${sql.table(table)}`.execute(db);
  return seconds;
}

/** R rows of account width copied by one `INSERT … SELECT` (what starting a campaign does). */
async function copyFloor(db: RunningPlumbline['ctx']['db'], rows: number): Promise<number> {
  await insertFloor(db, 'bench_copy_source', rows, { keep: true });
  await sql`create table bench_copy (a text, b text, c text, d boolean, e boolean, f boolean, g timestamptz)`.execute(
    db,
  );
  const { seconds } = await timed(() =>
    sql`insert into bench_copy select * from bench_copy_source`.execute(db),
  );
  await sql`drop table bench_copy`.execute(db);
  await sql`drop table bench_copy_source`.execute(db);
  return seconds;
}

async function benchDatabase(kind: BenchDatabase, report: (m: Measurement) => void) {
  return withBenchPlumbline(kind, 'people', postgresUrl, async (running) => {
    const { ctx, app } = running;
    const admin = await createApiToken(ctx, systemActor, { name: 'bench-admin', role: 'admin' });
    const systems = Array.from({ length: systemCount }, (_, i) => `system-${i}`);
    for (const key of [...systems, 'system-large', 'system-review']) {
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

    report({
      database: kind,
      step: 'floor: people-width rows',
      rows: peopleCount,
      seconds: await insertFloor(ctx.db, 'bench_people_floor', peopleCount),
    });
    report({
      database: kind,
      step: 'floor: account-width rows',
      rows: accountTotal,
      seconds: await insertFloor(ctx.db, 'bench_accounts_floor', accountTotal),
    });

    const people = await timed(() =>
      importPeople(ctx, systemActor, Readable.from([peopleCsv(false)])),
    );
    report({
      database: kind,
      step: 'people import',
      rows: peopleCount,
      seconds: people.seconds,
      peakHeapMiB: people.peakHeapMiB,
      detail: { created: people.result.created },
    });

    const snapshotAll = async (takenAt: string, leaversDisabled: boolean) => {
      let slowest = 0;
      let clocksStopped = 0;
      const all = await timed(async () => {
        for (const [index, asset] of systems.entries()) {
          const one = await timed(() =>
            importAccounts(
              ctx,
              systemActor,
              Readable.from([accountsCsv(index * perSystem, perSystem, leaversDisabled)]),
              { asset, format: 'csv', takenAt: new Date(takenAt) },
            ),
          );
          slowest = Math.max(slowest, one.seconds);
          clocksStopped += one.result.clocksStopped;
        }
      });
      return {
        seconds: all.seconds,
        peakHeapMiB: all.peakHeapMiB,
        detail: { slowestSnapshotSeconds: slowest, clocksStopped },
      };
    };
    report({
      database: kind,
      step: `first snapshots of ${systemCount} systems`,
      rows: accountTotal,
      ...(await snapshotAll('2026-11-30T08:00:00Z', false)),
    });

    const leavers = await timed(() =>
      importPeople(ctx, systemActor, Readable.from([peopleCsv(true)])),
    );
    report({
      database: kind,
      step: `people import with ${leaverCount} leavers`,
      rows: peopleCount,
      seconds: leavers.seconds,
      peakHeapMiB: leavers.peakHeapMiB,
      detail: { left: leavers.result.left, clocksStarted: leavers.result.clocksStarted },
    });
    report({
      database: kind,
      step: `next snapshots of ${systemCount} systems (leavers disabled, clocks stop)`,
      rows: accountTotal,
      ...(await snapshotAll('2026-12-02T08:00:00Z', true)),
    });

    const large = (takenAt: string, leaversDisabled: boolean) =>
      timed(() =>
        importAccounts(
          ctx,
          systemActor,
          Readable.from([accountsCsv(0, accountTotal, leaversDisabled)]),
          { asset: 'system-large', format: 'csv', takenAt: new Date(takenAt) },
        ),
      );
    const first = await large('2026-12-02T09:00:00Z', false);
    report({
      database: kind,
      step: `one system's snapshot of ${accountTotal} accounts`,
      rows: accountTotal,
      seconds: first.seconds,
      peakHeapMiB: first.peakHeapMiB,
      detail: { created: first.result.created },
    });
    const second = await large('2026-12-02T10:00:00Z', true);
    report({
      database: kind,
      step: `its next snapshot (leavers disabled, clocks stop)`,
      rows: accountTotal,
      seconds: second.seconds,
      peakHeapMiB: second.peakHeapMiB,
      detail: { clocksStopped: second.result.clocksStopped },
    });

    await importAccounts(ctx, systemActor, Readable.from([accountsCsv(0, reviewCount, true)]), {
      asset: 'system-review',
      format: 'csv',
      takenAt: new Date('2026-12-02T11:00:00Z'),
    });
    report({
      database: kind,
      step: 'floor: review-width rows copied by one INSERT … SELECT',
      rows: reviewCount,
      seconds: await copyFloor(ctx.db, reviewCount),
    });
    const campaign = await timed(() =>
      startAccessReview(ctx, systemActor, { asset: 'system-review', delegates: [] }),
    );
    report({
      database: kind,
      step: `start the access review of a system of ${reviewCount} accounts`,
      rows: reviewCount,
      seconds: campaign.seconds,
      peakHeapMiB: campaign.peakHeapMiB,
      detail: { items: campaign.result.progress.total },
    });
  });
}

const measurements: Measurement[] = [];
for (const kind of targets) {
  await benchDatabase(kind, (m) => {
    measurements.push(m);
    const detail = m.detail ? ` ${JSON.stringify(m.detail)}` : '';
    const heap = m.peakHeapMiB === undefined ? '' : `, JS heap peak ${m.peakHeapMiB} MiB`;
    console.log(
      `${m.database} ${m.step}: ${m.rows} rows in ${m.seconds.toFixed(2)} s${heap}${detail}`,
    );
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, `people-and-accounts${only ? `-${only}` : ''}.json`);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      people: peopleCount,
      systems: systemCount,
      perSystem,
      leavers: leaverCount,
      review: reviewCount,
      load: os.loadavg(),
      measurements,
    },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
