import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { FixedClock } from '../clock.js';
import type { DatabaseHandle } from '../db/connect.js';
import { AppError } from '../errors.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { systemActor } from './actor.js';
import type { AuditedTransaction } from './mutate.js';
import { mutateEachOrNone } from './mutate-each-or-none.js';
import { verifyAuditChain } from './verify-audit-chain.js';

describe('mutateEachOrNone', () => {
  let database: DatabaseHandle;
  const clock = new FixedClock('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const auditedRows = async (entityType: string) =>
    (
      await database.db
        .selectFrom('audit_events')
        .select('entity_id')
        .where('entity_type', '=', entityType)
        .orderBy('seq')
        .execute()
    ).map((row) => row.entity_id);

  /** Audits the row; `fail` rows run a statement that fails, then refuse as a conflict. */
  const applyOne =
    (entityType: string, fail: ReadonlySet<string>) =>
    async (tx: AuditedTransaction, id: string) => {
      await tx.audit({ action: 'test.bulk', entityType, entityId: id, after: { id } });
      if (fail.has(id)) {
        await sql`select 1 / 0`.execute(tx.trx).catch(() => {
          throw new AppError('conflict', `Row ${id} is in a state that refuses it`);
        });
      }
    };

  it('writes every row and its audit entry when none is refused', async () => {
    const report = await mutateEachOrNone(
      { db: database.db, clock },
      systemActor,
      ['a', 'b'],
      applyOne('bulk-all', new Set()),
    );
    expect(report).toMatchObject({ applied: true, counts: { done: 2, refused: 0, held: 0 } });
    expect(await auditedRows('bulk-all')).toEqual(['a', 'b']);
  });

  it('reports a row refused after a failed statement, still tries the rows after it, and writes none', async () => {
    const report = await mutateEachOrNone(
      { db: database.db, clock },
      systemActor,
      ['a', 'b', 'c', 'c'],
      applyOne('bulk-some', new Set(['b'])),
    );
    expect(report.applied).toBe(false);
    expect(report.results.map((result) => [result.id, result.outcome])).toEqual([
      ['a', 'held'],
      ['b', 'refused'],
      ['c', 'held'],
      ['c', 'refused'],
    ]);
    expect(report.results[1]!.reason).toMatch(/refuses it/);
    expect(await auditedRows('bulk-some')).toEqual([]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ valid: true });
  });

  it('throws an error that is not a refusal, writing nothing', async () => {
    await expect(
      mutateEachOrNone({ db: database.db, clock }, systemActor, ['a'], async (tx, id) => {
        await tx.audit({ action: 'test.bulk', entityType: 'bulk-fault', entityId: id });
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(await auditedRows('bulk-fault')).toEqual([]);
  });
});
