import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { MAX_PREPARED_STATEMENTS } from './prepared-statements.js';

const preparedCount = async (handle: DatabaseHandle) => {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_prepared_statements`.execute(handle.db);
  return rows[0]?.n;
};

// PGlite only: node-postgres talking to the embedded server through PgliteSocket, with the
// statements that have parameters kept prepared (prepared-statements.ts).
describe('node-postgres on the embedded database', () => {
  let pglite: PGlite;
  let database: DatabaseHandle;

  beforeAll(async () => {
    pglite = await PGlite.create();
    database = await openDatabase({ kind: 'pglite-instance', pglite, ownsInstance: false });
  }, 120_000);

  afterAll(async () => {
    await database.close();
    await pglite.close();
  });

  it('reads every type as node-postgres does from a server', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select ${41}::int + 1 as int, ${'9007199254740993'}::bigint as big, 1.50::numeric as num,
        ${'2026-12-07T08:00:00.000Z'}::timestamptz as at, '2026-02-28'::date as day,
        '{"a": [1, "b"]}'::json as doc, array['x', 'y'] as list, true as yes,
        null::text as nothing, 'Grüße, 世界' as text`.execute(database.db);
    expect(rows).toEqual([
      {
        int: 42,
        big: '9007199254740993',
        num: '1.50',
        at: new Date('2026-12-07T08:00:00.000Z'),
        day: '2026-02-28',
        doc: { a: [1, 'b'] },
        list: ['x', 'y'],
        yes: true,
        nothing: null,
        text: 'Grüße, 世界',
      },
    ]);
  });

  it('prepares a statement with parameters once and answers each run with its own values', async () => {
    const before = await preparedCount(database);
    const answers = [];
    for (const value of [1, 2, 3]) {
      const { rows } = await sql<{ doubled: number }>`select ${value}::int * 2 as doubled`.execute(
        database.db,
      );
      answers.push(rows[0]?.doubled);
    }
    expect(answers).toEqual([2, 4, 6]);
    expect(await preparedCount(database)).toBe((before ?? 0) + 1);
  });

  it('runs several statements without parameters in one simple query, as migrations do', async () => {
    await sql
      .raw('create table socket_check (n int); insert into socket_check values (1), (2)')
      .execute(database.db);
    const { rows } = await sql<{
      total: number;
    }>`select sum(n)::int as total from socket_check`.execute(database.db);
    expect(rows).toEqual([{ total: 3 }]);
  });

  it('keeps the connection usable after a refused statement, and rolls back a refused transaction', async () => {
    // A table of its own, so the test runs alone as well as after the others.
    await sql
      .raw('create table socket_refusal (n int); insert into socket_refusal values (3)')
      .execute(database.db);
    await expect(sql`select 1 / ${0}::int`.execute(database.db)).rejects.toMatchObject({
      code: '22012',
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into socket_refusal values (${10})`.execute(trx);
        await sql`insert into socket_refusal values (${'not a number'})`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '22P02' });
    const { rows } = await sql<{ total: number }>`select sum(n)::int as total from socket_refusal
      where n > ${0}`.execute(database.db);
    expect(rows).toEqual([{ total: 3 }]);
  });

  it('answers a result larger than PGlite hands over at once, whole and in order', async () => {
    // 3 MB of rows: PGlite writes its answer in pieces (its buffer is 1 MB).
    const { rows } = await sql<{ n: number; filler: string }>`
      select n, repeat(chr(65 + n % 26), 1000) as filler
      from generate_series(1, ${3000}::int) as n order by n`.execute(database.db);
    expect(rows).toHaveLength(3000);
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(
      rows.every((row) => row.filler === String.fromCharCode(65 + (row.n % 26)).repeat(1000)),
    ).toBe(true);
  });
});

// One connection at a time uses an embedded instance: each of these opens its own, in turn.
describe('connections to the embedded database, one after another', () => {
  let pglite: PGlite;

  beforeAll(async () => {
    pglite = await PGlite.create();
  }, 120_000);

  afterAll(async () => {
    await pglite.close();
  });

  const open = () => openDatabase({ kind: 'pglite-instance', pglite, ownsInstance: false });

  it('starts a new connection without the statements an earlier one prepared', async () => {
    const first = await open();
    try {
      await sql`select ${1}::int as one`.execute(first.db);
      expect(await preparedCount(first)).toBe(1);
    } finally {
      await first.close();
    }
    const next = await open();
    try {
      expect(await preparedCount(next)).toBe(0);
      // The new connection's names start again from the first: nothing left over collides.
      const { rows } = await sql<{ one: number }>`select ${1}::int as one`.execute(next.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await next.close();
    }
  });

  it('replaces a connection that has prepared its share, dropping what it prepared', async () => {
    const handle = await open();
    try {
      for (let index = 0; index < MAX_PREPARED_STATEMENTS + 10; index += 1) {
        const { rows } = await sql<{
          n: number;
        }>`select ${index}::int as n, ${sql.lit(index)} as k`.execute(handle.db);
        expect(rows[0]?.n).toBe(index);
      }
      expect(await preparedCount(handle)).toBe(10);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
