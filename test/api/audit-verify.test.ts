import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { auditCheckpointJob } from '../../src/modules/audit-log/audit-checkpoint-job.js';
import type { AuditChainReport } from '../../src/modules/audit-log/audit-log.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** GET /api/v1/audit/verify holds the chain against the newest checkpoint the hourly job took. */
describe('audit verify API with checkpoints', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function startWithCheckpoint(): Promise<{ app: TestApp; admin: string; seq: string }> {
    const app = await createTestApp({ clock: new FixedClock('2026-03-02T09:30:00Z') });
    t = app;
    const admin = await app.tokenFor('admin');
    for (const key of ['db-1', 'db-2']) {
      const created = await app.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: key,
        category: 'database',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(created.statusCode).toBe(201);
    }
    const checkpoint = (await auditCheckpointJob(app.ctx).run()) as { seq: string };
    return { app, admin, seq: checkpoint.seq };
  }

  async function verify(app: TestApp, admin: string): Promise<AuditChainReport> {
    const response = await app.call(admin, 'GET', '/api/v1/audit/verify');
    expect(response.statusCode).toBe(200);
    return response.json<AuditChainReport>();
  }

  it('is intact in normal operation, and reports the newest events deleted in SQL as a missing tail', async () => {
    const { app, admin, seq } = await startWithCheckpoint();
    expect(await verify(app, admin)).toMatchObject({
      intact: true,
      problem: null,
      checkpoint: { seq, source: 'database' },
      lastSeq: seq,
    });
    await sql`delete from audit_events where seq > ${BigInt(seq) - 3n}`.execute(app.ctx.db);
    expect(await verify(app, admin)).toMatchObject({
      intact: false,
      problem: 'missing_tail',
      valid: true,
      checkpoint: { seq },
      lastSeq: String(BigInt(seq) - 3n),
    });
  });

  it('reports a checkpoint whose signature does not verify', async () => {
    const { app, admin, seq } = await startWithCheckpoint();
    await sql`update audit_checkpoints set checkpointed_at = checkpointed_at + interval '1 hour'`.execute(
      app.ctx.db,
    );
    const report = await verify(app, admin);
    expect(report).toMatchObject({
      intact: false,
      problem: 'checkpoint_signature_invalid',
      rejectedCheckpoints: [{ seq, source: 'database' }],
      // The file in the data directory still holds the genuine one.
      checkpoint: { seq, source: 'file' },
    });
  });
});
