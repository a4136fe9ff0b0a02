import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../clock.js';
import type { DatabaseHandle } from '../db/connect.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { systemActor } from './actor.js';
import { mutate } from './mutate.js';
import { verifyAuditChain } from './verify-audit-chain.js';

describe('audit chain', () => {
  let database: DatabaseHandle;
  const clock = new FixedClock('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let index = 0; index < 5; index += 1) {
      await mutate({ db: database.db, clock }, systemActor, (tx) =>
        tx.audit({
          action: 'test.event',
          entityType: 'thing',
          entityId: `t${index}`,
          after: { index, nested: { b: 1, a: [1, 2] } },
        }),
      );
      clock.advance(1000);
    }
  });
  afterAll(() => database.close());

  it('verifies an untouched chain', async () => {
    const report = await verifyAuditChain(database.db);
    expect(report).toMatchObject({ valid: true, eventCount: 5, firstBroken: null });
  });

  it('rolls back a mutation that writes no audit entry', async () => {
    await expect(
      mutate({ db: database.db, clock }, systemActor, () => Promise.resolve(1)),
    ).rejects.toThrow(/without writing an audit entry/);
  });

  it('detects an edited event and names it', async () => {
    await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`update audit_events set after = '{"index": 99}'::jsonb where seq = 3`.execute(
          trx,
        );
        const report = await verifyAuditChain(trx);
        expect(report.valid).toBe(false);
        expect(report.firstBroken?.seq).toBe('3');
        throw new Error('rollback');
      })
      .catch((error: Error) => expect(error.message).toBe('rollback'));
    expect((await verifyAuditChain(database.db)).valid).toBe(true);
  });
});
