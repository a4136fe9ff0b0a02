import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from './connect.js';
import type { Database } from './schema.js';
import { MAX_PER_CONNECTION, shouldPrepare, statementName } from './prepared-statements.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(() => database.close());

/** Runs `body` on one connection, then answers the statements that connection holds prepared. */
async function preparedAfter(
  body: (connection: Kysely<Database>) => Promise<void>,
): Promise<Map<string, string>> {
  return database.db.connection().execute(async (connection) => {
    await body(connection);
    const { rows } = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements`.execute(connection);
    return new Map(rows.map((row) => [row.name, row.statement]));
  });
}

describe('prepared statements', () => {
  it('prepares a statement with parameters once per connection, by a name of its text', async () => {
    const answer = (value: number) => sql<{ answer: number }>`select ${value}::int + 1 as answer`;
    const text = answer(0).compile(database.db).sql;
    const answers: number[] = [];
    const prepared = await preparedAfter(async (connection) => {
      for (const value of [41, 1])
        answers.push((await answer(value).execute(connection)).rows[0]!.answer);
    });
    expect(answers).toEqual([42, 2]);
    expect(prepared.get(statementName(text))).toBe(text);
  });

  it('leaves statements without parameters unprepared, so several commands still run as one', async () => {
    const text = 'select 1 as one; select 2 as two';
    const prepared = await preparedAfter(async (connection) => {
      await sql.raw(text).execute(connection);
    });
    expect([...prepared.values()]).not.toContain(text);
  });

  it('runs a statement that failed again under the same name', async () => {
    const quotient = (value: number) =>
      sql<{ quotient: number }>`select 1 / ${value}::int as quotient`;
    const text = quotient(1).compile(database.db).sql;
    let answered: number | undefined;
    const prepared = await preparedAfter(async (connection) => {
      await expect(quotient(0).execute(connection)).rejects.toThrow(/division by zero/);
      answered = (await quotient(1).execute(connection)).rows[0]!.quotient;
    });
    expect(answered).toBe(1);
    expect(prepared.get(statementName(text))).toBe(text);
  });

  it('names the same text the same way and different texts differently', () => {
    expect(statementName('select $1')).toBe(statementName('select $1'));
    expect(statementName('select $1')).not.toBe(statementName('select $1 '));
    expect(statementName('select $1')).toMatch(/^plumbline_[0-9a-f]{24}$/);
  });

  it('prepares only short statements with a few parameters', () => {
    expect(shouldPrepare('select $1', [1])).toBe(true);
    expect(shouldPrepare('select 1', [])).toBe(false);
    expect(shouldPrepare('select 1', undefined)).toBe(false);
    expect(
      shouldPrepare(
        'insert …',
        Array.from({ length: 65 }, (_, i) => i),
      ),
    ).toBe(false);
    expect(shouldPrepare(`select $1 ${' '.repeat(20_000)}`, [1])).toBe(false);
    expect(MAX_PER_CONNECTION).toBeGreaterThan(0);
  });
});
