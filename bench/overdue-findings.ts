import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import type { Database } from '../src/platform/db/schema.js';
import { withBenchPlumbline } from './bench-server.js';
import { option, benchDatabases, type BenchDatabase } from './harness.js';

/*
 * `npx tsx bench/overdue-findings.ts [--assets N] [--findings-per-asset M] [--only pglite|postgresql]`
 * (or `npm run bench -- --overdue-findings`): the overdue findings list of N assets (default
 * 1,000) with M findings each (default 100: first seen over the last 180 days, 0.5 % critical,
 * 2 % high, 60 % fixed, 1 % accepted), read through GET /api/v1/findings?overdue=true over HTTP
 * with an engineering token: the first page as the web app asks for it (100 rows), the whole list
 * page after page (1,000 rows a page), and one asset's overdue findings (its tab). Beside them,
 * floors measured in the same run: the same page without a filter (HTTP, access check and
 * serialisation of 100 findings) and the list's SQL without a filter (the database alone).
 * Target: the overdue list ≤ 200 ms on PostgreSQL. Each figure is the median of 11 calls after two
 * warm-ups (the whole list: 5 after one). The rows are written with SQL in the shape imports write them (an import of 100,000
 * findings is measured by bench/vulnerability-import.ts). `--explain` prints the database's plan of
 * the overdue list's first page. Written to bench/out/overdue-findings.json; never asserted by tests.
 */

interface Measurement {
  database: BenchDatabase;
  step:
    'sql-floor' | 'api-floor' | 'overdue-first-page' | 'overdue-whole-list' | 'overdue-one-asset';
  rows: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const argv = process.argv.slice(2);
const assetCount = Number(option(argv, '--assets') ?? '1000');
const perAsset = Number(option(argv, '--findings-per-asset') ?? '100');
for (const [name, value] of [
  ['--assets', assetCount],
  ['--findings-per-asset', perAsset],
] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
}
const { postgresUrl, only, targets } = benchDatabases(option(argv, '--only'));

const RUNS = 11;
const WARM_UPS = 2;
/** Reading the whole list takes seconds: fewer calls, one warm-up. */
const WHOLE_LIST_RUNS = 5;

/** Assets, one scan each, and their findings, in a few INSERT … SELECT statements. */
async function generate(db: Kysely<Database>, now: Date): Promise<void> {
  await sql`
    insert into assets (key, name, category, environment, owner_role, criticality,
      data_classification, lifecycle_status, tags, created_at, updated_at)
    select 'bench-asset-' || lpad(n::text, 5, '0'), 'Bench asset ' || n, 'application',
      case when n % 3 = 0 then 'staging' else 'production' end, 'engineering', 'medium',
      'internal', 'in-service', array['bench'], ${now}, ${now}
    from generate_series(1, ${assetCount}) as n`.execute(db);
  await sql`
    insert into vulnerability_scans (asset_id, scanner, format, artifact_name, scanned_at,
      report_sha256, finding_count, created_count, fixed_count, imported_at, imported_by)
    select id, 'trivy', 'trivy', key, ${now}, md5(key), ${perAsset}, ${perAsset}, 0, ${now}, 'bench'
    from assets where key like 'bench-asset-%'`.execute(db);
  await sql`
    with numbered as (
      select a.id as asset_id, s.id as scan_id, row_number() over (order by a.key) as asset_no
      from assets a join vulnerability_scans s on s.asset_id = a.id
      where a.key like 'bench-asset-%'
    ), generated as (
      select asset_id, scan_id, asset_no, n,
        case when n % 200 = 0 then 'critical' when n % 50 = 1 then 'high'
             when n % 3 = 0 then 'low' else 'medium' end as severity,
        ${now}::timestamptz - interval '1 minute' * ((n * 7919 + asset_no * 104729) % (180 * 24 * 60))
          as first_seen_at
      from numbered cross join generate_series(1, ${perAsset}) as n
    )
    insert into vulnerability_findings (asset_id, vulnerability_id, package_name,
      installed_version, scanner, severity, fixed_version, title, target, first_seen_at,
      last_seen_at, first_scan_id, last_scan_id, fixed_at, fixed_by_scan_id, sla_due_at,
      accepted_until, created_at, updated_at)
    select asset_id, 'CVE-2026-' || (100000 + n), 'pkg-' || (n % 500), '1.' || (n % 7) || '.0',
      'trivy', severity, case when n % 4 = 0 then null else '1.' || (n % 7) || '.1' end,
      'pkg-' || (n % 500) || ': a generated vulnerability number ' || n, 'layer-' || (n % 10),
      first_seen_at,
      case when (n + asset_no) % 5 < 3 then first_seen_at else ${now}::timestamptz end,
      scan_id, scan_id,
      case when (n + asset_no) % 5 < 3
        then least(first_seen_at + interval '10 days', ${now}::timestamptz) end,
      case when (n + asset_no) % 5 < 3 then scan_id end,
      first_seen_at + case severity when 'critical' then interval '72 hours'
        when 'high' then interval '30 days' when 'medium' then interval '90 days'
        else interval '180 days' end,
      case when (n + asset_no) % 97 = 0 then ${now}::timestamptz + interval '30 days' end,
      first_seen_at, ${now}
    from generated`.execute(db);
  await sql`analyze assets`.execute(db);
  await sql`analyze vulnerability_findings`.execute(db);
}

async function timedRuns(
  work: () => Promise<number>,
  runs = RUNS,
  warmUps = WARM_UPS,
): Promise<{
  rows: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}> {
  for (let i = 0; i < warmUps; i += 1) await work();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    rows = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rows,
    medianMs: round(times[Math.floor(times.length / 2)]!),
    minMs: round(times[0]!),
    maxMs: round(times[times.length - 1]!),
  };
}

async function benchDatabase(kind: BenchDatabase, report: (m: Measurement) => void) {
  return withBenchPlumbline(kind, 'overdue', postgresUrl, async (running) => {
    const db = running.ctx.db;
    const started = performance.now();
    await generate(db, running.ctx.clock.now());
    const counts = await sql<{ findings: string; overdue: string }>`
      select count(*) as findings,
        count(*) filter (where fixed_at is null
          and (accepted_until is null or accepted_until <= now())
          and sla_due_at < now()) as overdue
      from vulnerability_findings`.execute(db);
    console.log(
      `${kind}: ${assetCount} assets, ${counts.rows[0]?.findings} findings (${counts.rows[0]?.overdue} overdue) generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const url = await running.app.listen({ port: 0, host: '127.0.0.1' });
    const engineer = await createApiToken(running.ctx, systemActor, {
      name: 'bench-reader',
      role: 'engineering',
    });
    const page = async (query: string) => {
      const response = await fetch(`${url}/api/v1/findings?${query}`, {
        headers: { authorization: `Bearer ${engineer.token}` },
      });
      if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items: unknown[]; nextCursor: string | null };
    };
    const measure = async (
      step: Measurement['step'],
      work: () => Promise<number>,
      runs?: number,
      warmUps?: number,
    ) => report({ database: kind, step, ...(await timedRuns(work, runs, warmUps)) });

    await measure('sql-floor', async () => {
      const rows = await db
        .selectFrom('vulnerability_findings as f')
        .innerJoin('assets as a', 'a.id', 'f.asset_id')
        .selectAll('f')
        .select('a.key as asset_key')
        .orderBy('f.first_seen_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(101)
        .execute();
      return Math.min(rows.length, 100);
    });
    if (argv.includes('--explain')) {
      const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers)
        select f.*, a.key as asset_key from vulnerability_findings f
        join assets a on a.id = f.asset_id
        where (f.fixed_at is null and not (f.accepted_until is not null and f.accepted_until > now())
          and f.sla_due_at is not null and f.sla_due_at < now()) = true
        order by f.first_seen_at desc, f.id desc limit 101`.execute(db);
      console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    await measure('api-floor', async () => (await page('limit=100')).items.length);
    await measure(
      'overdue-first-page',
      async () => (await page('overdue=true&limit=100')).items.length,
    );
    await measure(
      'overdue-whole-list',
      async () => {
        let rows = 0;
        let cursor: string | null = null;
        do {
          const next = await page(
            `overdue=true&limit=1000${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
          );
          rows += next.items.length;
          cursor = next.nextCursor;
        } while (cursor !== null);
        return rows;
      },
      WHOLE_LIST_RUNS,
      1,
    );
    await measure(
      'overdue-one-asset',
      async () => (await page('asset=bench-asset-00500&overdue=true&limit=100')).items.length,
    );
  });
}

const measurements: Measurement[] = [];
for (const kind of targets) {
  await benchDatabase(kind, (m) => {
    measurements.push(m);
    console.log(
      `${m.database} ${m.step}: ${m.rows} rows, median ${m.medianMs} ms (min ${m.minMs}, max ${m.maxMs})`,
    );
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, `overdue-findings${only ? `-${only}` : ''}.json`);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      assets: assetCount,
      findingsPerAsset: perAsset,
      load: os.loadavg(),
      measurements,
    },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
