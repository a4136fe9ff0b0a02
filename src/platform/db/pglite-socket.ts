import { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';

/** Frontend messages after which a server answers: Sync, Query, Flush, CopyDone and CopyFail. */
const ANSWERED_AFTER = new Set(['S', 'Q', 'H', 'c', 'f'].map((type) => type.charCodeAt(0)));
const TERMINATE = 'X'.charCodeAt(0);

/**
 * A server's answer to the startup message: AuthenticationOk, then ReadyForQuery (idle). The
 * embedded server's session is open from the start and has no authentication to do.
 */
const STARTUP_ANSWER = Buffer.from([
  ...[...Buffer.from('R'), 0, 0, 0, 8, 0, 0, 0, 0],
  ...[...Buffer.from('Z'), 0, 0, 0, 5, ...Buffer.from('I')],
]);

/** A simple query dropping every prepared statement of the session: what a new session has. */
const DEALLOCATE_ALL = queryMessage('DEALLOCATE ALL');

function queryMessage(text: string): Buffer {
  const body = Buffer.from(`${text}\0`);
  const header = Buffer.alloc(5);
  header.write('Q');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/**
 * The socket of a node-postgres client whose other end is an embedded PGlite. node-postgres
 * writes protocol messages as to a server; they are handed to PGlite as written once the client
 * waits for an answer (a query's Parse, Bind, Describe, Execute and Sync in one pass), and the
 * bytes PGlite answers are the socket's data, parsed by node-postgres as a server's.
 *
 * In place of PGlite's node-postgres adapter, which passes each message to PGlite on its own and
 * parses the answers into objects in JavaScript, copying every field, before node-postgres reads
 * them: a third of the server's CPU time on a list request (docs/performance.md, "API reads under
 * load"). One client at a time uses the instance (a pool of one), so no lock is taken.
 */
export class PgliteSocket extends Duplex {
  readonly #pglite: PGlite;
  #started = false;
  #pending: Buffer[] = [];
  #answers: Promise<void> = Promise.resolve();

  constructor(pglite: PGlite) {
    super();
    this.#pglite = pglite;
  }

  /** Called by node-postgres as on a network socket: ready once PGlite is. */
  connect(): this {
    this.#pglite.waitReady.then(
      () => this.emit('connect'),
      (error: unknown) => this.destroy(error as Error),
    );
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    if (!this.#started) {
      // The startup message, without a type byte, is the first a client writes. The embedded
      // server's one session outlives its clients: a new client starts without the statements
      // an earlier one prepared (prepared-statements.ts), as on a new server session.
      this.#started = true;
      this.#answer(async () => {
        await this.#exchange(DEALLOCATE_ALL);
        return [STARTUP_ANSWER];
      });
      done();
      return;
    }
    // node-postgres writes whole messages, one or more at a time.
    let answered = false;
    let terminate = false;
    for (let offset = 0; offset < chunk.length; offset += 1 + chunk.readInt32BE(offset + 1)) {
      const type = chunk[offset] as number;
      terminate ||= type === TERMINATE;
      answered ||= ANSWERED_AFTER.has(type);
    }
    // Terminate ends the client, not the embedded server, which stays open for the next one.
    if (!terminate) this.#pending.push(chunk);
    if (answered) {
      const messages = this.#pending.length === 1 ? chunk : Buffer.concat(this.#pending);
      this.#pending = [];
      this.#answer(() => this.#exchange(messages));
    }
    done();
  }

  override _read(): void {
    // Answers are pushed as PGlite gives them.
  }

  override _final(done: (error?: Error) => void): void {
    void this.#answers.then(() => {
      this.push(null);
      done();
    });
  }

  /** Hands the messages to PGlite and copies its answer out of its memory as it is written. */
  async #exchange(messages: Buffer): Promise<Buffer[]> {
    const chunks: Buffer[] = [];
    await this.#pglite.execProtocolRawStream(messages, {
      onRawData: (data) => chunks.push(Buffer.from(data)),
    });
    return chunks;
  }

  /** Answers in the order the messages were written. */
  #answer(exchange: () => Promise<Buffer[]>): void {
    this.#answers = this.#answers
      .then(exchange)
      .then((chunks) => {
        for (const chunk of chunks) this.push(chunk);
      })
      .catch((error: unknown) => {
        this.destroy(error instanceof Error ? error : new Error(String(error)));
      });
  }
}
