import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openConfiguredDatabase } from '../../src/app/start.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { mutate } from '../../src/platform/audit/mutate.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestSchema, testDatabaseKind, testPostgresUrl } from '../support/test-database.js';
import { plumbline, temporaryDirectory } from './cli-harness.js';

/**
 * Offline commands open the database named by the environment themselves. On the PostgreSQL
 * test project they get a fresh schema through the URL; otherwise a fresh PGlite data directory.
 */
describe('plumbline migrate and audit verify (offline)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];

  /** A database of its own for one test: a fresh PGlite directory, or a fresh schema. */
  async function freshEnvironment(): Promise<Record<string, string>> {
    const data = temporaryDirectory('plumbline-offline-');
    cleanups.push(() => data.remove());
    const env: Record<string, string> = { PLUMBLINE_DATA_DIR: data.path };
    if (testDatabaseKind() === 'postgresql') {
      const { schema, drop } = await createTestSchema();
      const url = new URL(testPostgresUrl());
      url.searchParams.set('options', `-c search_path=${schema}`);
      env.PLUMBLINE_DATABASE_URL = url.toString();
      cleanups.push(drop);
    }
    return env;
  }

  /**
   * A migrated database holding `count` audit events written through the audited-mutation
   * helper, as a server would write them.
   */
  async function environmentWithEvents(count: number): Promise<Record<string, string>> {
    const env = await freshEnvironment();
    const database = await openConfiguredDatabase(loadConfig(env));
    const clock = new FixedClock('2026-11-23T10:00:00Z');
    try {
      await migrateToLatest(database.db);
      for (let index = 0; index < count; index += 1) {
        await mutate({ db: database.db, clock }, systemActor, (tx) =>
          tx.audit({ action: 'test.event', entityType: 'thing', entityId: `t${index}` }),
        );
      }
    } finally {
      await database.close();
    }
    return env;
  }

  let threeEvents: Record<string, string>;

  beforeAll(async () => {
    threeEvents = await environmentWithEvents(3);
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  // Creating a PGlite data directory from nothing takes a while on a busy machine.
  it('migrate brings an empty database up to date, and says so the second time', async () => {
    const env = await freshEnvironment();
    const first = await plumbline(['migrate'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\):\n {2}\S+/);
    const second = await plumbline(['migrate'], env);
    expect(second).toEqual({ code: 0, stdout: 'Database is up to date.\n', stderr: '' });
  }, 120_000);

  it('audit verify reports an intact chain with its length and head', async () => {
    const result = await plumbline(['audit', 'verify'], threeEvents);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^Audit chain intact: 3 events, head [0-9a-f]{64}; no signed checkpoint yet, .*\n$/,
    );
  });

  it('audit verify --json prints the report', async () => {
    const result = await plumbline(['--json', 'audit', 'verify'], threeEvents);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({
      intact: true,
      problem: null,
      valid: true,
      eventCount: 3,
      firstBroken: null,
    });
  });

  it('audit verify exits 1 and names the first altered event', async () => {
    const env = await environmentWithEvents(3);
    const database = await openConfiguredDatabase(loadConfig(env));
    try {
      await sql`update audit_events set entity_id = 'forged' where seq = 2`.execute(database.db);
    } finally {
      await database.close();
    }
    const result = await plumbline(['audit', 'verify'], env);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toMatch(/^Audit chain BROKEN at event 2: .*altered/);
  }, 120_000);
});
