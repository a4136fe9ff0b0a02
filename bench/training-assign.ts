import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { trainingRepository } from '../src/modules/training/training.repository.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openBenchTarget } from './bench-database.js';
import { benchDatabases } from './harness.js';

/*
 * `npx tsx bench/training-assign.ts [--users N]`: assigning a document version's training to N
 * people (default 5,000: half matched by role, half by the people register's department) in the
 * one INSERT … SELECT a version becoming effective runs. Beside it, the floor measured in the same
 * run: the same number of rows of the same width inserted by a plain INSERT … SELECT from a
 * generated series. Target: 5,000 users ≤ 2 s on PostgreSQL. Printed, never asserted.
 */

const argv = process.argv.slice(2);
const index = argv.indexOf('--users');
const users = Number(index === -1 ? '5000' : argv[index + 1]);
const { postgresUrl, targets: kinds } = benchDatabases(undefined);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

for (const kind of kinds) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-training-bench-'));
  const target = await openBenchTarget(kind, dataDir, postgresUrl);
  const db = target.database.db;
  try {
    await migrateToLatest(db);
    const now = new Date();
    await sql`
      insert into users (email, name, role, password_hash, created_at, updated_at)
      select 'person' || n || '@bench.example', 'Person ' || n,
             case when n % 2 = 0 then 'engineering' else 'viewer' end, 'x', now(), now()
      from generate_series(1, ${users}) as n`.execute(db);
    await sql`
      insert into people (user_name, email, name, department, job_title, status, source, created_at, updated_at)
      select 'person' || n, 'person' || n || '@bench.example', 'Person ' || n, 'Security', 'Engineer',
             'active', 'csv', now(), now()
      from generate_series(1, ${users}) as n where n % 2 = 1`.execute(db);
    const document = await db
      .insertInto('documents')
      .values({
        key: 'SOP-BENCH',
        title: 'Bench',
        owner: 'bench',
        created_at: now,
        created_by: 'bench',
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await db
      .insertInto('document_versions')
      .values({
        document_id: document.id,
        version: 1,
        status: 'effective',
        title: 'Bench',
        author: 'bench',
        reviewers: '[]',
        approvers: '["quality"]',
        training: JSON.stringify({
          requiredDepartments: ['Engineering', 'Security'],
          mode: 'acknowledge',
          dueDays: 30,
        }),
        front_matter: '{}',
        unknown_fields: '{}',
        body: '',
        source: '',
        content_sha256: 'bench',
        review_due_on: '2027-01-01',
        quiz: 'null',
        imported_at: now,
        imported_by: 'bench',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await sql`create table bench_floor (user_id uuid, document_id uuid, version_id uuid, assigned_at timestamptz, due_at timestamptz)`.execute(
      db,
    );
    const floor = await timed(() =>
      sql`insert into bench_floor select id, ${document.id}::uuid, ${version.id}::uuid, now(), now() from users`.execute(
        db,
      ),
    );
    await sql`drop table bench_floor`.execute(db);

    let assigned = 0;
    const seconds = await timed(async () => {
      assigned = await trainingRepository.assignToDepartments(db, {
        documentId: document.id,
        versionId: version.id,
        departments: ['Engineering', 'Security'],
        assignedAt: now,
        dueAt: new Date(now.getTime() + 30 * 86_400_000),
      });
    });
    const target2s =
      kind === 'postgresql' ? ` (target ≤ 2 s: ${seconds <= 2 ? 'met' : 'NOT met'})` : '';
    console.log(
      `${kind} training assignment: ${assigned} of ${users} people in ${seconds.toFixed(3)} s${target2s}; floor (plain INSERT … SELECT of ${users} rows) ${floor.toFixed(3)} s`,
    );
  } finally {
    await target.database.close();
    await target.dispose();
  }
}
