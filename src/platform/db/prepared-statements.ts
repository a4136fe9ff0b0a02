import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Named prepared statements for the statements the server sends again and again.
 *
 * Kysely sends every statement as `client.query(text, values)`: node-postgres parses it with an
 * unnamed statement, so the database parses, analyses and plans it anew each time. For the list
 * statements that is more than their execution (the occurrence list: planning 1.2–1.9 ms,
 * execution 0.5–1.0 ms on PostgreSQL 15; docs/performance.md). Giving the statement a name derived
 * from its text lets node-postgres parse it once per connection and bind it afterwards, and lets
 * the database keep a generic plan once it has seen that the plan does not depend on the values.
 *
 * What is named, and what is not:
 * - only statements with parameters: they already use the extended protocol. A statement without
 *   any goes as a simple query, which may hold several commands (migrations do) and cannot be
 *   prepared;
 * - only short statements with few parameters: a multi-row insert's text differs with its row
 *   count, and naming each would fill the connection with statements used once;
 * - at most `MAX_PER_CONNECTION` per connection; beyond that a statement runs unnamed, as before.
 *
 * The same text always gets the same name, so a name never meets a different text (node-postgres
 * refuses that). A schema change after a statement was prepared would make PostgreSQL refuse to
 * reuse it ("cached plan must not change result type"); the schema changes only in migrations, run
 * before the server serves, on statements without parameters.
 */
export const MAX_PER_CONNECTION = 500;
const MAX_TEXT_LENGTH = 16_384;
const MAX_PARAMETERS = 64;

type QueryFunction = (...args: unknown[]) => unknown;

/** The name of a statement: the same text, the same name, on every connection. */
export function statementName(text: string): string {
  return `plumbline_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

/** Whether a statement with this text and these values is worth preparing by name. */
export function shouldPrepare(text: string, values: unknown): boolean {
  return (
    Array.isArray(values) &&
    values.length > 0 &&
    values.length <= MAX_PARAMETERS &&
    text.length <= MAX_TEXT_LENGTH
  );
}

/** Makes a connection send its repeated statements as named, prepared ones (see above). */
export function prepareRepeatedStatements(client: pg.ClientBase): void {
  const named = new Set<string>();
  const query = client.query.bind(client) as QueryFunction;
  const prepared: QueryFunction = (config, values, ...rest) => {
    if (typeof config !== 'string' || !shouldPrepare(config, values)) {
      return query(config, values, ...rest);
    }
    const name = statementName(config);
    if (!named.has(name)) {
      if (named.size >= MAX_PER_CONNECTION) return query(config, values, ...rest);
      named.add(name);
    }
    return query({ name, text: config, values }, ...rest);
  };
  (client as unknown as { query: QueryFunction }).query = prepared;
}

/** Every connection the pool opens sends its repeated statements prepared. */
export function withPreparedStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', prepareRepeatedStatements);
  return pool;
}
