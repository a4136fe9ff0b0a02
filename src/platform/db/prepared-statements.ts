import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Statements kept prepared per connection; past this the connection is replaced on release. Each
 * holds its parse tree and plans in the server's memory, which on PGlite is WebAssembly memory that
 * never shrinks: 100 copies of the largest list statement took 30 MB (within PGlite's initial
 * 128 MB), 250 took 76 MB and grew it to 154 MB.
 */
export const MAX_PREPARED_STATEMENTS = 100;
/** Statements longer or with more parameters than this (bulk inserts) are never kept. */
const MAX_PREPARED_TEXT_LENGTH = 16_384;
const MAX_PREPARED_PARAMETERS = 100;

/** What node-postgres's query takes for a named prepared statement. */
interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
}

interface PreparingClient extends PostgresPoolClient {
  /** The prepared statement name of each statement text run on this connection. */
  readonly names: Map<string, string>;
}

/**
 * A pool whose connections run every statement with parameters as a named prepared statement,
 * one per statement text, prepared on its first run and reused after: PostgreSQL then parses
 * and analyses a statement once per connection and, once it has seen that a generic plan costs
 * no more than planning each time, plans it once too (its default `plan_cache_mode`). Used for
 * both databases: on PGlite planning took more CPU time than running the everyday list
 * statements (docs/performance.md, "API reads under load"), and on PostgreSQL the occurrence
 * list's statement planned in 1.0–1.9 ms and ran in 0.5–1.0 ms (docs/performance.md, "Prepared statements").
 * PLUMBLINE_DATABASE_PREPARED_STATEMENTS=false turns it off for PostgreSQL behind a pooler that
 * does not carry prepared statements (docs/decisions.md, "Prepared statements on PostgreSQL too").
 *
 * Names are unique for the life of the process, so a replaced connection cannot collide with
 * what an earlier one prepared; a new PGlite connection drops those (`PgliteSocket`).
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PreparingClient>();
  let named = 0;
  const wrap = (client: pg.PoolClient): PreparingClient => {
    const names = new Map<string, string>();
    const nameOf = (text: string, parameters: number): string | undefined => {
      if (parameters === 0) return undefined;
      if (text.length > MAX_PREPARED_TEXT_LENGTH || parameters > MAX_PREPARED_PARAMETERS)
        return undefined;
      let name = names.get(text);
      if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
        named += 1;
        name = `plumbline_${named}`;
        names.set(text, name);
      }
      return name;
    };
    function query<R>(
      text: string,
      parameters: readonly unknown[],
    ): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(
      textOrCursor: string | PostgresCursor<R>,
      parameters: readonly unknown[] = [],
    ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      // Kysely passes a cursor only when the dialect is given one, which this one is not.
      if (typeof textOrCursor !== 'string') throw new Error('Cursors are not supported here');
      const name = nameOf(textOrCursor, parameters.length);
      const values = [...parameters];
      const result =
        name === undefined
          ? client.query(textOrCursor, values)
          : client.query({ name, text: textOrCursor, values } satisfies NamedQuery);
      return result as Promise<PostgresQueryResult<R>>;
    }
    return {
      names,
      query,
      release() {
        // A connection that has prepared its share is replaced, dropping what it prepared.
        client.release(names.size >= MAX_PREPARED_STATEMENTS);
      },
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
