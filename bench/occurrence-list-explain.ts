import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { loadDemoOrganisation } from '../src/modules/demo/load-demo.js';
import { listOccurrencePage } from '../src/modules/occurrences/list-occurrences.js';
import { withBenchPlumbline } from './bench-server.js';

/*
 * `npx tsx bench/occurrence-list-explain.ts`: loads the demo organisation into a fresh PostgreSQL
 * schema, then runs EXPLAIN (ANALYZE, BUFFERS) on the occurrence list's statement exactly as the
 * repository compiles it: the first page of 50 (what `GET /api/v1/occurrences?limit=50` sends),
 * the next page, and a page of open work. Prints the plans and the statement's time over 200 runs,
 * sent unnamed (parsed and planned each time) and as a named prepared statement, on one connection;
 * never asserted by tests. Needs PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL.
 */
const RUNS = 200;
const url = process.env.PLUMBLINE_BENCH_DATABASE_URL ?? process.env.PLUMBLINE_TEST_DATABASE_URL;
if (!url) throw new Error('Set PLUMBLINE_BENCH_DATABASE_URL to a PostgreSQL database');

await withBenchPlumbline('postgresql', 'occurrence-list', url, async (running) => {
  const { ctx } = running;
  await loadDemoOrganisation(ctx);
  const captured: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push(ctx.db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const spy = { ...ctx, db: ctx.db.withPlugin(capture) };
  const first = await listOccurrencePage(spy, { limit: 50 });
  const cases: [string, () => Promise<unknown>][] = [
    ['first page of 50', () => listOccurrencePage(spy, { limit: 50 })],
    ['second page of 50', () => listOccurrencePage(spy, { limit: 50, cursor: first.nextCursor! })],
    [
      'open work (overdue, due), first page of 50',
      () => listOccurrencePage(spy, { limit: 50, status: ['overdue', 'due'] }),
    ],
  ];
  const [{ count }] = (await ctx.db
    .selectFrom('occurrences')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .execute()) as [{ count: number }];
  console.log(`Demo organisation: ${count} occurrences`);
  // One connection of its own, to time the statement unnamed and prepared in the same run.
  const { rows: schemaRows } = await sql<{
    schema: string;
  }>`select current_schema() as schema`.execute(ctx.db);
  const client = new pg.Client({
    connectionString: url,
    options: `-c search_path=${schemaRows[0]!.schema}`,
  });
  await client.connect();
  for (const entry of cases) {
    const [name, run] = entry;
    captured.length = 0;
    await run();
    const query = captured.at(-1)!;
    const explained = await ctx.db.executeQuery(
      CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
    );
    console.log(`\n## ${name}\n`);
    for (const row of explained.rows as { 'QUERY PLAN': string }[]) console.log(row['QUERY PLAN']);
    const timed = async (prepared: boolean) => {
      const started = performance.now();
      for (let i = 0; i < RUNS; i += 1) {
        const values = [...query.parameters];
        await client.query(
          prepared
            ? { name: `bench_${cases.indexOf(entry)}`, text: query.sql, values }
            : { text: query.sql, values },
        );
      }
      return ((performance.now() - started) / RUNS).toFixed(2);
    };
    const unnamed = await timed(false);
    const named = await timed(true);
    console.log(
      `\n${name}: ${unnamed} ms a statement unnamed, ${named} ms prepared (${RUNS} runs each)`,
    );
  }
  await client.end();
});
