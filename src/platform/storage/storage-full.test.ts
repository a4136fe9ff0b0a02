import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/connect.js';
import { installErrorHandler } from '../http/error-handler.js';
import { storageFailureOf } from './storage-full.js';

/** A real failing write: Linux's /dev/full refuses every write with ENOSPC, no root needed. */
async function writeToFullDevice(): Promise<never> {
  await fs.promises.writeFile('/dev/full', 'evidence');
  throw new Error('/dev/full accepted a write');
}

/** A real database error with the disk_full SQLSTATE, raised by the server itself. */
async function raiseDiskFull(db: DatabaseHandle['db']): Promise<never> {
  await sql`do $$ begin raise exception 'could not extend file' using errcode = 'disk_full'; end $$`.execute(
    db,
  );
  throw new Error('the database did not raise');
}

describe('storage full', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/upload', () => writeToFullDevice());
    app.get('/insert', () => raiseDiskFull(database.db));
    app.get('/wrapped', async () => {
      try {
        return await writeToFullDevice();
      } catch (error) {
        throw new Error('storing the file failed', { cause: error });
      }
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('recognises a file system write refused for lack of space', async () => {
    const error = await writeToFullDevice().catch((caught: unknown) => caught);
    // A failed write(2) names no file: only open-like calls carry the path.
    expect(storageFailureOf(error)).toEqual({
      source: 'file-system',
      code: 'ENOSPC',
      path: undefined,
    });
  });

  it('recognises the database disk_full SQLSTATE', async () => {
    const error = await raiseDiskFull(database.db).catch((caught: unknown) => caught);
    expect(storageFailureOf(error)).toMatchObject({ source: 'database', code: '53100' });
  });

  it('does not mistake other errors for a full disk', async () => {
    const missing = await fs.promises
      .readFile('/nonexistent/plumbline')
      .catch((caught: unknown) => caught);
    expect(storageFailureOf(missing)).toBeNull();
    expect(storageFailureOf(new Error('boom'))).toBeNull();
  });

  it.each([
    ['/upload', 'the file store is out of disk space'],
    ['/wrapped', 'the file store is out of disk space'],
    ['/insert', 'the database is out of disk space'],
  ])('answers %s with 507 storage_full, not 500', async (url, message) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(507);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('storage_full');
    expect(body.error.message).toContain(message);
    expect(body.error.message).toMatch(/^Nothing was saved/);
  });
});
