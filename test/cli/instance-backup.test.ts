import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openConfiguredDatabase, startPlumbline } from '../../src/app/start.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { databaseSnapshotRepository } from '../../src/modules/instance-backup/database-snapshot.repository.js';
import type { WorkOrderView } from '../../src/modules/work-orders/work-order.schema.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { Database } from '../../src/platform/db/schema.js';
import { createEvidenceStore } from '../../src/platform/evidence/evidence-store.js';
import { createTestSchema, testDatabaseKind, testPostgresUrl } from '../support/test-database.js';
import { plumbline, temporaryDirectory } from './cli-harness.js';

type Env = Record<string, string>;

/** An instance's environment: its own data directory, and on PostgreSQL its own schema. */
async function instanceEnv(
  extra: Env = {},
): Promise<{ env: Env; dataDir: string; remove(): Promise<void> }> {
  const data = temporaryDirectory('plumbline-instance-');
  const env: Env = {
    PLUMBLINE_DATA_DIR: data.path,
    PLUMBLINE_LOG_LEVEL: 'silent',
    PLUMBLINE_SCHEDULER: 'false',
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
    ...extra,
  };
  let drop: (() => Promise<void>) | undefined;
  if (testDatabaseKind() === 'postgresql') {
    const schema = await createTestSchema();
    const url = new URL(testPostgresUrl());
    url.searchParams.set('options', `-c search_path=${schema.schema}`);
    env.PLUMBLINE_DATABASE_URL = url.toString();
    drop = schema.drop;
  }
  return {
    env,
    dataDir: data.path,
    async remove() {
      await drop?.();
      data.remove();
    },
  };
}

function multipart(content: Buffer) {
  const boundary = `----plumbline${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Records through the running server: assets, occurrences (and their trigger-kept state), a work order with evidence. */
async function fillInstance(env: Env): Promise<void> {
  const running = await startPlumbline({
    config: loadConfig(env),
    clock: new FixedClock('2026-03-10T09:00:00Z'),
    webRoot: '',
  });
  try {
    const { token } = await createApiToken(running.ctx, systemActor, {
      name: 'filler',
      role: 'admin',
    });
    const call = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      running.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    for (const key of ['db-1', 'web-1', 'web-2']) {
      const created = await call('POST', '/api/v1/assets', {
        key,
        name: `Server ${key}`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'critical',
        criticalityRationale: 'Holds the customer records.',
        dataClassification: 'internal',
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const generated = await call('POST', '/api/v1/occurrences/generate', {
      from: '2026-03-01T00:00:00Z',
      until: '2026-04-30T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    const workOrder = await call('POST', '/api/v1/work-orders', {
      title: 'Replace the failed disk',
      description: 'RAID reports a failed member.',
      assetKey: 'db-1',
    });
    expect(workOrder.statusCode).toBe(201);
    const { id } = workOrder.json<WorkOrderView>();
    for (const size of [10, 300_000]) {
      const body = multipart(randomBytes(size));
      const uploaded = await running.app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${id}/evidence`,
        payload: body.payload,
        headers: { 'content-type': body.contentType, authorization: `Bearer ${token}` },
      });
      expect(uploaded.statusCode).toBe(201);
    }
  } finally {
    await running.close();
  }
}

/** Rows per table of the instance's database. */
async function rowCounts(env: Env): Promise<Record<string, number>> {
  const database = await openConfiguredDatabase(loadConfig(env));
  try {
    const counts: Record<string, number> = {};
    for (const table of await databaseSnapshotRepository.tablesInLoadOrder(database.db))
      counts[table] = await databaseSnapshotRepository.countRows(database.db, table);
    return counts;
  } finally {
    await database.close();
  }
}

async function withDatabase<T>(env: Env, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(loadConfig(env));
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

describe('plumbline backup and restore', () => {
  const secretKey = randomBytes(32).toString('base64');
  const work = temporaryDirectory('plumbline-backups-');
  const archive = path.join(work.path, 'instance.tar');
  let source: Awaited<ReturnType<typeof instanceEnv>>;
  let target: Awaited<ReturnType<typeof instanceEnv>>;
  const others: { remove(): Promise<void> }[] = [];

  beforeAll(async () => {
    source = await instanceEnv({ PLUMBLINE_SECRET_KEY: secretKey });
    target = await instanceEnv({ PLUMBLINE_SECRET_KEY: secretKey });
    await fillInstance(source.env);
  });
  afterAll(async () => {
    await source.remove();
    await target.remove();
    for (const other of others) await other.remove();
    work.remove();
  });

  it('writes one archive, says the key is not in it, and refuses to overwrite it', async () => {
    const result = await plumbline(['backup', archive], source.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^Backup written to .*instance\.tar \(\d+ bytes\): \d+ tables, \d+ rows, 2 evidence files, 0 packs\.\n/,
    );
    expect(result.stdout).toContain('The instance key is NOT in the archive');
    expect(fs.existsSync(`${archive}.part`)).toBe(false);
    const again = await plumbline(['backup', archive], source.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('restores into an empty instance: same rows, one audit event more, chain intact', async () => {
    const before = await rowCounts(source.env);
    const result = await plumbline(['restore', archive], target.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^Restored \d+ tables \(\d+ rows\), 2 evidence files and 0 packs\.\n$/,
    );
    const after = await rowCounts(target.env);
    expect(after).toEqual({ ...before, audit_events: before.audit_events! + 1 });
    expect(before.occurrence_state).toBeGreaterThan(0);
    expect(before.evidence_attachments).toBe(2);

    const verified = await plumbline(['--json', 'audit', 'verify'], target.env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      valid: true,
      eventCount: before.audit_events! + 1,
    });
    const last = await withDatabase(target.env, (db) =>
      db
        .selectFrom('audit_events')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
    expect(last).toMatchObject({ action: 'instance.restored', actor_type: 'system' });
    expect(last.after).toMatchObject({ archive: 'instance.tar', evidenceFiles: 2 });
  });

  it('restores evidence files that decrypt to their recorded SHA-256', async () => {
    const files = await withDatabase(target.env, (db) =>
      db.selectFrom('evidence_attachments').select(['sha256', 'storage_key']).execute(),
    );
    const config = loadConfig(target.env);
    const store = createEvidenceStore({
      dir: config.evidenceDir,
      instanceKey: Buffer.from(secretKey, 'base64'),
      maxBytes: config.evidenceMaxBytes,
    });
    for (const file of files) {
      const hash = createHash('sha256');
      for await (const chunk of store.chunks(file.storage_key)) hash.update(chunk);
      expect(hash.digest('hex')).toBe(file.sha256);
    }
  });

  it('keeps serial counters and trigger-kept state working after the restore', async () => {
    const running = await startPlumbline({ config: loadConfig(target.env), webRoot: '' });
    try {
      const { token } = await createApiToken(running.ctx, systemActor, {
        name: 'after',
        role: 'admin',
      });
      const created = await running.app.inject({
        method: 'POST',
        url: '/api/v1/work-orders',
        headers: { authorization: `Bearer ${token}` },
        payload: { title: 'After the restore', description: 'A new number, no clash.' },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json<WorkOrderView>().number).toBe('WO-000002');
      const health = await running.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(health.statusCode).toBe(200);
      const stateRows = await sql<{ missing: string }>`
        select count(*)::text as missing from occurrences o
        where not exists (select 1 from occurrence_state s where s.occurrence_id = o.id)`.execute(
        running.ctx.db,
      );
      expect(stateRows.rows[0]?.missing).toBe('0');
    } finally {
      await running.close();
    }
  });

  // Only the PostgreSQL project has a PostgreSQL backup to carry over (the PGlite project has
  // no counterpart to run, so it registers nothing rather than a skipped test).
  (testDatabaseKind() === 'postgresql' ? it : () => undefined)(
    'restores a PostgreSQL backup into an embedded PGlite instance',
    async () => {
      const data = temporaryDirectory('plumbline-to-pglite-');
      others.push({ remove: () => Promise.resolve(data.remove()) });
      const embedded: Env = {
        PLUMBLINE_DATA_DIR: data.path,
        PLUMBLINE_LOG_LEVEL: 'silent',
        PLUMBLINE_SECRET_KEY: secretKey,
      };
      const result = await plumbline(['restore', archive], embedded);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const before = await rowCounts(source.env);
      expect(await rowCounts(embedded)).toEqual({
        ...before,
        audit_events: before.audit_events! + 1,
      });
      expect((await plumbline(['audit', 'verify'], embedded)).code).toBe(0);
    },
  );

  it('refuses to restore into an instance that holds data', async () => {
    const result = await plumbline(['restore', archive], source.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not empty/);
  });

  it('refuses a damaged archive before writing anything', async () => {
    const damaged = path.join(work.path, 'damaged.tar');
    const bytes = fs.readFileSync(archive);
    // Inside the first table's rows, past the first header.
    bytes[700] = bytes[700]! ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const empty = await instanceEnv({ PLUMBLINE_SECRET_KEY: secretKey });
    others.push(empty);
    const result = await plumbline(['restore', damaged], empty.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot be restored: .* does not match its SHA-256/);
    expect(fs.readdirSync(empty.dataDir)).toEqual([]);
  });

  it('refuses to restore without the key the evidence is encrypted with', async () => {
    const other = await instanceEnv({ PLUMBLINE_SECRET_KEY: randomBytes(32).toString('base64') });
    others.push(other);
    const result = await plumbline(['restore', archive], other.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not the backup's/);
    const keyless = await instanceEnv();
    others.push(keyless);
    const without = await plumbline(['restore', archive], keyless.env);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/does not include/);
  });

  it('with --include-key, warns and restores the key file with the data', async () => {
    const withKeyArchive = path.join(work.path, 'with-key.tar');
    const backup = await plumbline(['backup', '--include-key', withKeyArchive], source.env);
    expect(backup.code).toBe(0);
    expect(backup.stderr).toMatch(/^WARNING: the archive contains the instance key/);
    const keyless = await instanceEnv();
    others.push(keyless);
    const restored = await plumbline(['restore', withKeyArchive], keyless.env);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain('and the instance key');
    expect(fs.readFileSync(path.join(keyless.dataDir, 'secret.key'), 'utf8').trim()).toBe(
      secretKey,
    );
    expect((fs.statSync(path.join(keyless.dataDir, 'secret.key')).mode & 0o777).toString(8)).toBe(
      '600',
    );
  });
});
