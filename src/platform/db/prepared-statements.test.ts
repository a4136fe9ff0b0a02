import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from './connect.js';
import type { Database } from './schema.js';

/** Prepared statements on whichever database this project runs (both, in CI). */
let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(() => database.close());

/** Runs `body` on one connection, then answers the statement texts that connection holds prepared. */
async function preparedAfter(body: (connection: Kysely<Database>) => Promise<void>) {
  return database.db.connection().execute(async (connection) => {
    await body(connection);
    const { rows } = await sql<{ statement: string }>`
      select statement from pg_prepared_statements`.execute(connection);
    return rows.map((row) => row.statement);
  });
}

describe('prepared statements', () => {
  it('prepares a statement with parameters once per connection and runs it with each run’s values', async () => {
    const answer = (value: number) => sql<{ answer: number }>`select ${value}::int + 1 as answer`;
    const text = answer(0).compile(database.db).sql;
    const answers: number[] = [];
    const prepared = await preparedAfter(async (connection) => {
      for (const value of [41, 1]) {
        answers.push((await answer(value).execute(connection)).rows[0]!.answer);
      }
    });
    expect(answers).toEqual([42, 2]);
    expect(prepared.filter((statement) => statement === text)).toHaveLength(1);
  });

  it('leaves statements without parameters unprepared, so several commands still run as one', async () => {
    const text = 'select 1 as one; select 2 as two';
    const prepared = await preparedAfter(async (connection) => {
      await sql.raw(text).execute(connection);
    });
    expect(prepared).not.toContain(text);
  });

  it('runs a statement again under its name after a run of it failed', async () => {
    const quotient = (value: number) =>
      sql<{ quotient: number }>`select 1 / ${value}::int as quotient`;
    const text = quotient(1).compile(database.db).sql;
    let answered: number | undefined;
    const prepared = await preparedAfter(async (connection) => {
      await expect(quotient(0).execute(connection)).rejects.toThrow(/division by zero/);
      answered = (await quotient(1).execute(connection)).rows[0]!.quotient;
    });
    expect(answered).toBe(1);
    expect(prepared).toContain(text);
  });
});
