import os from 'node:os';
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { backupIncidentRepository } from '../src/modules/backups/backup-incident.repository.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openBenchTarget } from './bench-database.js';

/*
 * `npx tsx bench/backup-evaluation-explain.ts [--runs N] [--assets N]`: fills a fresh PostgreSQL
 * schema with N backup runs (default 200,000: one a day per asset, one in six failed or partial,
 * one in seven full) over 1,000 production database assets, then runs EXPLAIN (ANALYZE, BUFFERS)
 * on the evaluation's queries exactly as the repository compiles them: the last success of every
 * asset (what each evaluation tick and the status page read), the last full success, and one
 * asset's runs over 30 days (the status page's RPO). Prints the plans; never asserted by tests.
 * Needs PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL.
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const runCount = option('--runs', 200_000);
const assetCount = option('--assets', 1_000);
const url = process.env.PLUMBLINE_BENCH_DATABASE_URL ?? process.env.PLUMBLINE_TEST_DATABASE_URL;
if (!url) throw new Error('Set PLUMBLINE_BENCH_DATABASE_URL to a PostgreSQL database');

const target = await openBenchTarget('postgresql', os.tmpdir(), url);
const { db } = target.database;
try {
  await migrateToLatest(db);
  const now = new Date('2026-12-01T12:00:00Z');
  await sql`insert into assets (key, name, category, environment, owner_role, criticality,
              data_classification, lifecycle_status, created_at, updated_at)
            select 'bench-db-' || n, 'Bench database ' || n, 'database', 'production',
                   'engineering', 'medium', 'confidential', 'in-service', ${now}, ${now}
            from generate_series(1, ${assetCount}) as n`.execute(db);
  // Run n belongs to asset n mod assets, one a day per asset, going back from `now`.
  await sql`insert into backup_runs (asset_id, tool, external_id, started_at, finished_at, status,
              backup_type, recovery_point_at, encrypted, recorded_at, recorded_by)
            select a.id, 'bench', 'run-' || n,
                   ${now}::timestamptz - make_interval(days => n / ${assetCount} + 1),
                   ${now}::timestamptz - make_interval(days => n / ${assetCount} + 1) + interval '10 minutes',
                   case when n % 6 = 0 then 'failed' when n % 6 = 1 then 'partial' else 'succeeded' end,
                   case when (n / ${assetCount}) % 7 = 0 then 'full' else 'incremental' end,
                   null, true, ${now}, 'bench'
            from generate_series(0, ${runCount - 1}) as n
            join (select id, row_number() over (order by key) - 1 as i from assets) a
              on a.i = n % ${assetCount}`.execute(db);
  await sql`analyze backup_runs`.execute(db);

  // Capture the SQL the repository sends, then explain it with the same parameters.
  const captured: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const spy = db.withPlugin(capture);
  const [someAsset] = await db.selectFrom('assets').select('id').limit(1).execute();
  const cases: [string, () => Promise<unknown>][] = [
    [
      'last success of every asset',
      () => backupIncidentRepository.lastSuccesses(spy, { at: now, fullOnly: false }),
    ],
    [
      'last full success of every asset',
      () => backupIncidentRepository.lastSuccesses(spy, { at: now, fullOnly: true }),
    ],
    [
      'for comparison, the previous form: distinct on (asset_id) over every successful run',
      () =>
        spy
          .selectFrom('backup_runs')
          .distinctOn('asset_id')
          .selectAll()
          .where('status', '=', 'succeeded')
          .where('recorded_at', '<=', now)
          .where(sql`coalesce(finished_at, started_at)`, '<=', now)
          .orderBy('asset_id')
          .orderBy(sql`coalesce(recovery_point_at, started_at)`, 'desc')
          .orderBy(sql`coalesce(finished_at, started_at)`, 'desc')
          .execute(),
    ],
    [
      "one asset's runs over 30 days",
      () =>
        backupIncidentRepository.runsBetween(spy, {
          assetIds: [someAsset!.id],
          from: new Date(now.getTime() - 30 * 86_400_000),
          to: now,
          recordedBy: now,
          successOnly: false,
        }),
    ],
  ];
  console.log(`${runCount} runs over ${assetCount} assets (PostgreSQL)`);
  for (const [label, run] of cases) {
    captured.length = 0;
    await run();
    // Subqueries pass through the plugin too; the statement sent is the last one.
    const query = captured[captured.length - 1]!;
    const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
    );
    console.log(`\n== ${label}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
} finally {
  await target.database.close();
  await target.dispose();
}
