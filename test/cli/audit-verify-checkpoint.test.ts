import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openConfiguredDatabase } from '../../src/app/start.js';
import type { AuditChainReport } from '../../src/modules/audit-log/audit-log.schema.js';
import { writeAuditCheckpoint } from '../../src/modules/audit-log/write-audit-checkpoint.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { mutate } from '../../src/platform/audit/mutate.js';
import { FixedClock } from '../../src/platform/clock.js';
import { checkInstanceKey } from '../../src/modules/keys/check-instance-key.js';
import { createSecretBox } from '../../src/platform/crypto/secrets.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createTestSchema, testDatabaseKind, testPostgresUrl } from '../support/test-database.js';
import { plumbline, temporaryDirectory } from './cli-harness.js';

/**
 * The attack `audit verify` must see: a database administrator deletes the newest audit events
 * and the checkpoint rows that record them. The data directory's checkpoint file and a checkpoint
 * an auditor kept from an evidence pack (`--checkpoint`) still show the loss.
 */
describe('plumbline audit verify against signed checkpoints (offline)', () => {
  const data = temporaryDirectory('plumbline-checkpoint-');
  const kept = temporaryDirectory('plumbline-kept-');
  const env: Record<string, string> = { PLUMBLINE_DATA_DIR: data.path };
  const manifestPath = path.join(kept.path, 'manifest.json');
  const forgedPath = path.join(kept.path, 'forged.json');
  let checkpointSeq = '';
  let dropSchema: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (testDatabaseKind() === 'postgresql') {
      const { schema, drop } = await createTestSchema();
      const url = new URL(testPostgresUrl());
      url.searchParams.set('options', `-c search_path=${schema}`);
      env.PLUMBLINE_DATABASE_URL = url.toString();
      dropSchema = drop;
    }
    const config = loadConfig(env);
    const database = await openConfiguredDatabase(config);
    try {
      await migrateToLatest(database.db);
      const clock = new FixedClock('2026-11-23T10:00:00Z');
      const instanceKey = await checkInstanceKey({ db: database.db, clock }, config);
      const ctx = { db: database.db, clock, secretBox: createSecretBox(instanceKey), config };
      for (let index = 0; index < 4; index += 1) {
        await mutate(ctx, systemActor, (tx) =>
          tx.audit({ action: 'test.event', entityType: 'thing', entityId: `t${index}` }),
        );
      }
      const checkpoint = await writeAuditCheckpoint(ctx);
      checkpointSeq = checkpoint.seq;
      // What the auditor keeps: the pack's manifest carries the checkpoint.
      fs.writeFileSync(manifestPath, JSON.stringify({ auditCheckpoint: checkpoint }));
      fs.writeFileSync(forgedPath, JSON.stringify({ ...checkpoint, hash: 'f'.repeat(64) }));
      await sql`delete from audit_events where seq > 2`.execute(database.db);
      await sql`delete from audit_checkpoints`.execute(database.db);
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    await dropSchema?.();
    data.remove();
    kept.remove();
  });

  it('exits 1 and says how many of the newest events are missing', async () => {
    const result = await plumbline(['audit', 'verify'], env);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toBe(
      `Audit chain INCOMPLETE: the checkpoint of 2026-11-23T10:00:00.000Z (file) records event ${checkpointSeq}, ` +
        `but the chain ends at event 2: its newest ${Number(checkpointSeq) - 2} event(s) are missing.\n`,
    );
  });

  it('holds the chain against a checkpoint taken from a pack the auditor kept', async () => {
    fs.renameSync(path.join(data.path, 'audit-checkpoint.json'), path.join(data.path, 'aside'));
    try {
      const result = await plumbline(
        ['--json', 'audit', 'verify', '--checkpoint', manifestPath],
        env,
      );
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout) as AuditChainReport).toMatchObject({
        intact: false,
        problem: 'missing_tail',
        lastSeq: '2',
        checkpoint: { seq: checkpointSeq, source: 'given' },
      });
    } finally {
      fs.renameSync(path.join(data.path, 'aside'), path.join(data.path, 'audit-checkpoint.json'));
    }
  });

  it('reports a given checkpoint whose signature fails', async () => {
    const result = await plumbline(['--json', 'audit', 'verify', '--checkpoint', forgedPath], env);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as AuditChainReport).rejectedCheckpoints).toEqual([
      {
        seq: checkpointSeq,
        source: 'given',
        reason: 'its signature does not verify: the checkpoint was altered or forged',
      },
    ]);
  });

  it('exits 2 when the checkpoint file does not exist or holds no checkpoint', async () => {
    const missing = await plumbline(
      ['audit', 'verify', '--checkpoint', path.join(kept.path, 'nope.json')],
      env,
    );
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/does not exist/) as string,
    });
    fs.writeFileSync(path.join(kept.path, 'other.json'), '{"format":"something-else"}');
    const other = await plumbline(
      ['audit', 'verify', '--checkpoint', path.join(kept.path, 'other.json')],
      env,
    );
    expect(other).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/does not hold an audit checkpoint/) as string,
    });
  });
});
