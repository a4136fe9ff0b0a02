import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { FixedClock } from '../../platform/clock.js';
import { createSecretBox } from '../../platform/crypto/secrets.js';
import type { DatabaseHandle } from '../../platform/db/connect.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { testConfig } from '../../../test/support/test-app.js';
import { auditCheckpointJob } from './audit-checkpoint-job.js';
import { AUDIT_CHECKPOINT_FILE } from './audit-checkpoint-file.js';
import { verifyAuditTrail } from './verify-audit-trail.js';
import { writeAuditCheckpoint, type CheckpointContext } from './write-audit-checkpoint.js';

describe('audit trail held against its signed checkpoints', () => {
  let database: DatabaseHandle;
  let ctx: CheckpointContext;
  let clock: FixedClock;

  beforeEach(async () => {
    database = await createTestDatabase();
    clock = new FixedClock('2026-03-01T10:00:00Z');
    ctx = {
      db: database.db,
      clock,
      secretBox: createSecretBox(randomBytes(32)),
      config: testConfig(),
    };
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
  });

  async function record(count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      await mutate(ctx, systemActor, (tx) =>
        tx.audit({ action: 'test.event', entityType: 'thing', entityId: `t${index}` }),
      );
      clock.advance(1000);
    }
  }

  /** The attack: a database administrator removes the newest events in SQL. */
  async function deleteNewestEvents(count: number): Promise<void> {
    await sql`delete from audit_events where seq > (select max(seq) - ${count} from audit_events)`.execute(
      database.db,
    );
  }

  it('reports an untouched chain past its checkpoint as intact, naming the checkpoint', async () => {
    await record(3);
    const checkpoint = await writeAuditCheckpoint(ctx);
    await record(2);
    const report = await verifyAuditTrail(ctx);
    expect(report).toMatchObject({
      intact: true,
      problem: null,
      valid: true,
      rejectedCheckpoints: [],
      checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash, source: 'database' },
    });
    expect(BigInt(report.lastSeq)).toBe(BigInt(checkpoint.seq) + 2n);
    expect(report.message).toMatch(/^Audit chain intact: .* reaches the checkpoint/);
  });

  it('says that without a checkpoint a removed tail would not show', async () => {
    await record(2);
    expect(await verifyAuditTrail(ctx)).toMatchObject({
      intact: true,
      checkpoint: null,
      message: expect.stringMatching(/no signed checkpoint yet/) as string,
    });
  });

  it('reports the newest events deleted in SQL as a missing tail', async () => {
    await record(3);
    const checkpoint = await writeAuditCheckpoint(ctx);
    await deleteNewestEvents(2);
    const report = await verifyAuditTrail(ctx);
    expect(report).toMatchObject({
      intact: false,
      problem: 'missing_tail',
      // The links that remain still recompute: only the checkpoint shows the loss.
      valid: true,
      checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash },
      lastSeq: String(BigInt(checkpoint.seq) - 2n),
    });
    expect(report.message).toMatch(/newest 2 event\(s\) are missing/);
  });

  it('still sees the missing tail through the data-directory file when the checkpoint rows are deleted too', async () => {
    await record(3);
    await writeAuditCheckpoint(ctx);
    await record(1);
    const newest = await writeAuditCheckpoint(ctx);
    await deleteNewestEvents(3);
    await sql`delete from audit_checkpoints where seq > (select max(seq) from audit_events)`.execute(
      database.db,
    );
    expect(await verifyAuditTrail(ctx)).toMatchObject({
      intact: false,
      problem: 'missing_tail',
      checkpoint: { seq: newest.seq, source: 'file' },
    });
  });

  it('reports a checkpoint whose signature fails and holds the chain against the newest that verifies', async () => {
    await record(2);
    const older = await writeAuditCheckpoint(ctx);
    await record(2);
    const newer = await writeAuditCheckpoint(ctx);
    fs.rmSync(path.join(ctx.config.dataDir, AUDIT_CHECKPOINT_FILE));
    // A forger moves the newest checkpoint back to an earlier event without the private key.
    await sql`update audit_checkpoints set seq = seq - 1, hash = (select hash from audit_events where seq = ${BigInt(newer.seq) - 1n}) where seq = ${newer.seq}`.execute(
      database.db,
    );
    const report = await verifyAuditTrail(ctx);
    expect(report).toMatchObject({
      intact: false,
      problem: 'checkpoint_signature_invalid',
      valid: true,
      checkpoint: { seq: older.seq, source: 'database' },
      rejectedCheckpoints: [
        {
          seq: String(BigInt(newer.seq) - 1n),
          source: 'database',
          reason: expect.stringMatching(/signature does not verify/) as string,
        },
      ],
    });
  });

  it('reports a chain rewritten past a checkpoint as not matching it', async () => {
    await record(3);
    const checkpoint = await writeAuditCheckpoint(ctx);
    await deleteNewestEvents(2);
    // Consistent re-hashing: the chain is extended again through the ordinary writer.
    await record(4);
    const report = await verifyAuditTrail(ctx);
    expect(report).toMatchObject({
      intact: false,
      problem: 'checkpoint_mismatch',
      valid: true,
      checkpoint: { seq: checkpoint.seq },
    });
  });

  it('holds the chain against a checkpoint given from outside, and rejects a tampered one', async () => {
    await record(2);
    const kept = await writeAuditCheckpoint(ctx);
    await deleteNewestEvents(1);
    await sql`delete from audit_checkpoints`.execute(database.db);
    fs.rmSync(path.join(ctx.config.dataDir, AUDIT_CHECKPOINT_FILE));
    expect(await verifyAuditTrail(ctx)).toMatchObject({ intact: true, checkpoint: null });
    expect(await verifyAuditTrail(ctx, { given: kept })).toMatchObject({
      intact: false,
      problem: 'missing_tail',
      checkpoint: { seq: kept.seq, source: 'given' },
    });
    const tampered = { ...kept, seq: String(BigInt(kept.seq) - 1n) };
    expect(await verifyAuditTrail(ctx, { given: tampered })).toMatchObject({
      intact: false,
      problem: 'checkpoint_signature_invalid',
      rejectedCheckpoints: [{ seq: tampered.seq, source: 'given' }],
    });
  });

  it('rejects checkpoints when the signing key cannot be opened with the instance key', async () => {
    await record(1);
    await writeAuditCheckpoint(ctx);
    const otherInstance = { ...ctx, secretBox: createSecretBox(randomBytes(32)) };
    expect(await verifyAuditTrail(otherInstance)).toMatchObject({
      intact: false,
      problem: 'checkpoint_signature_invalid',
      rejectedCheckpoints: [
        { source: 'database', reason: expect.stringMatching(/cannot be opened/) as string },
        { source: 'file' },
      ],
    });
  });

  it('the hourly job writes a checkpoint once per hour, and only after new events', async () => {
    await record(1);
    const job = auditCheckpointJob(ctx);
    const first = await job.run();
    expect(first).toMatchObject({ seq: expect.any(String) as string });
    await record(1);
    expect(await job.run()).toBeNull();
    clock.advance(3_600_000);
    const second = await job.run();
    expect(BigInt((second as { seq: string }).seq)).toBeGreaterThan(
      BigInt((first as { seq: string }).seq),
    );
    clock.advance(3_600_000);
    expect(await job.run()).toBeNull();
    const rows = await database.db.selectFrom('audit_checkpoints').select('seq').execute();
    expect(rows).toHaveLength(2);
    expect(await verifyAuditTrail(ctx)).toMatchObject({ intact: true, problem: null });
  });
});
