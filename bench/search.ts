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
 * `npx tsx bench/search.ts [--assets N] [--only pglite|postgresql]` (or `npm run bench --
 * --search`): the Ctrl-K search (GET /api/v1/search) over N assets (default 10,000, three tags
 * each), N/2 work orders, N/5 people, N/20 suppliers, N/50 processes, N/10 nonconformances and
 * N/20 incidents (and the catalogue's requirements), over HTTP as an admin (every kind searched).
 * Each word of a mix (an exact key, a key prefix, a word of names, an e-mail, a work order and a
 * nonconformance number, a word of descriptions found by full-text search, a word that matches
 * nothing, a word that matches thousands) is asked 40 times after warm-ups, and the p50
 * and p99 of all calls are printed beside the floor measured in the same run: GET
 * /api/v1/health/live (HTTP and access control, no query). Target: p50 ≤ 100 ms at 10,000 assets.
 * Written to bench/out/search.json; never asserted by tests.
 */

const argv = process.argv.slice(2);
const assetCount = Number(option(argv, '--assets') ?? '10000');
if (!Number.isInteger(assetCount) || assetCount < 100) {
  throw new Error('--assets must be a whole number of at least 100');
}
const { postgresUrl, only, targets } = benchDatabases(option(argv, '--only'));

const CALLS_PER_WORD = 40;
const WARM_UPS = 3;
const WORDS = [
  'bench-asset-05000',
  'bench-asset-050',
  'database',
  'person-00777@example.test',
  'WO-000123',
  'NC-0123',
  'replication lag',
  'no-such-thing-anywhere',
  'bench',
];

interface Measurement {
  database: BenchDatabase;
  step: 'health-floor' | 'search';
  calls: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function generate(db: Kysely<Database>, now: Date): Promise<void> {
  const kinds = ['database', 'server', 'application', 'storage', 'network'];
  await sql`
    insert into assets (key, name, category, environment, owner_role, criticality,
      data_classification, lifecycle_status, tags, created_at, updated_at)
    select 'bench-asset-' || lpad(n::text, 5, '0'),
      'Bench ' || (${sql.val(kinds)}::text[])[1 + n % 5] || ' ' || n, 'application',
      'production', 'engineering', 'medium', 'internal', 'in-service',
      array['team-' || (n % 40), 'region-' || (n % 7), 'bench'], ${now}, ${now}
    from generate_series(1, ${assetCount}) as n`.execute(db);
  const admin = await db.selectFrom('users').select('id').executeTakeFirst();
  await sql`
    insert into work_orders (kind, title, status, owner_role, created_by, created_at, updated_at)
    select 'corrective', 'Replace the disk of bench asset ' || n, 'open', 'engineering',
      ${admin?.id ?? 'bench'}, ${now}, ${now}
    from generate_series(1, ${Math.floor(assetCount / 2)}) as n`.execute(db);
  await sql`
    insert into people (user_name, email, name, department, job_title, status, source,
      created_at, updated_at)
    select 'person-' || lpad(n::text, 5, '0'), 'person-' || lpad(n::text, 5, '0') || '@example.test',
      'Person ' || n, 'Platform', 'Engineer', 'active', 'csv', ${now}, ${now}
    from generate_series(1, ${Math.floor(assetCount / 5)}) as n`.execute(db);
  await sql`
    insert into suppliers (key, name, services, created_at, updated_at)
    select 'bench-supplier-' || n, 'Bench supplier ' || n, 'Hosting and replication of region ' || (n % 7),
      ${now}, ${now}
    from generate_series(1, ${Math.floor(assetCount / 20)}) as n`.execute(db);
  await sql`
    insert into processes (key, name, description, owner_role, affects_conformity, created_at, updated_at)
    select 'bench-process-' || n, 'Bench process ' || n, 'Ships orders of team ' || (n % 40),
      'engineering', true, ${now}, ${now}
    from generate_series(1, ${Math.floor(assetCount / 50)}) as n`.execute(db);
  await sql`
    insert into nonconformances (source_type, source_id, title, description, owner_role, status,
      raised_at, updated_at)
    select 'manual', gen_random_uuid(), 'Missed check of bench asset ' || n,
      case when n % 100 = 0 then 'Replication lag went unnoticed for a day' else 'The weekly check did not run' end,
      'quality', 'open', ${now}, ${now}
    from generate_series(1, ${Math.floor(assetCount / 10)}) as n`.execute(db);
  await sql`
    insert into incidents (title, severity, status, detected_at, detection_source, opened_at,
      opened_by, updated_at)
    select 'Bench outage ' || n || case when n % 50 = 0 then ' after replication lag' else '' end,
      'minor', 'open', ${now}, 'manual', ${now}, 'bench', ${now}
    from generate_series(1, ${Math.floor(assetCount / 20)}) as n`.execute(db);
  await sql`analyze`.execute(db);
}

function percentiles(times: number[]): { p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1)!) };
}

async function benchDatabase(kind: BenchDatabase, report: (m: Measurement) => void) {
  return withBenchPlumbline(kind, 'search', postgresUrl, async (running) => {
    const started = performance.now();
    await generate(running.ctx.db, running.ctx.clock.now());
    console.log(
      `${kind}: ${assetCount} assets, ${Math.floor(assetCount / 2)} work orders, ${Math.floor(assetCount / 5)} people, ${Math.floor(assetCount / 10)} nonconformances and more generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const url = await running.app.listen({ port: 0, host: '127.0.0.1' });
    const { token } = await createApiToken(running.ctx, systemActor, {
      name: 'bench-search',
      role: 'admin',
    });
    const call = async (pathAndQuery: string) => {
      const response = await fetch(`${url}${pathAndQuery}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`${pathAndQuery}: ${response.status}`);
      return (await response.json()) as { items?: unknown[]; more?: boolean };
    };
    const timed = async (pathAndQuery: string, times: number[]) => {
      const begun = performance.now();
      await call(pathAndQuery);
      times.push(performance.now() - begun);
    };

    const floor: number[] = [];
    const search: number[] = [];
    const byWord = new Map<string, number[]>(WORDS.map((word) => [word, []]));
    for (const word of WORDS) {
      const answer = await call(`/api/v1/search?q=${encodeURIComponent(word)}`);
      console.log(`  "${word}": ${answer.items?.length} results${answer.more ? ', more' : ''}`);
    }
    for (let i = 0; i < WARM_UPS; i += 1) {
      await call('/api/v1/health/live');
      for (const word of WORDS) await call(`/api/v1/search?q=${encodeURIComponent(word)}`);
    }
    // Interleaved, so the floor and the search see the same load on this shared machine.
    for (let i = 0; i < CALLS_PER_WORD; i += 1) {
      for (const word of WORDS) {
        await timed('/api/v1/health/live', floor);
        await timed(`/api/v1/search?q=${encodeURIComponent(word)}`, byWord.get(word)!);
        search.push(byWord.get(word)!.at(-1)!);
      }
    }
    for (const [word, times] of byWord) {
      console.log(`  "${word}": p50 ${percentiles(times).p50Ms} ms`);
    }
    report({ database: kind, step: 'health-floor', calls: floor.length, ...percentiles(floor) });
    report({ database: kind, step: 'search', calls: search.length, ...percentiles(search) });
  });
}

const measurements: Measurement[] = [];
for (const kind of targets) {
  await benchDatabase(kind, (m) => {
    measurements.push(m);
    console.log(
      `${m.database} ${m.step}: ${m.calls} calls, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms (max ${m.maxMs})`,
    );
  });
}

const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, `search${only ? `-${only}` : ''}.json`);
fs.writeFileSync(
  outFile,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      node: process.version,
      assets: assetCount,
      load: os.loadavg(),
      measurements,
    },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
