import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { openConfiguredDatabase, startPlumbline } from '../../src/app/start.js';
import { createUser } from '../../src/modules/identity/user.service.js';
import { rotateInstanceKey } from '../../src/modules/keys/rotate-instance-key.js';
import { openPackSigningKey } from '../../src/modules/keys/get-pack-signing-key.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestSchema, testDatabaseKind, testPostgresUrl } from '../support/test-database.js';
import { plumbline, temporaryDirectory } from './cli-harness.js';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const EVIDENCE = ['patch report', 'restore log', 'DR exercise minutes'].map((text) =>
  Buffer.from(`${text}\n`),
);

/**
 * `plumbline keys rotate` moves every secret, evidence file and stored pack to a new key, resumes
 * after an interruption, and leaves the old key refused. The server and the command open the
 * database named by the environment: a PGlite data directory, or a fresh schema on PostgreSQL.
 */
describe('plumbline keys rotate (offline)', () => {
  const clock = new FixedClock('2026-12-06T06:00:00Z');
  const data = temporaryDirectory('plumbline-keys-');
  const env: Record<string, string> = {
    PLUMBLINE_DATA_DIR: data.path,
    PLUMBLINE_LOG_LEVEL: 'silent',
    PLUMBLINE_SCHEDULER: 'false',
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
  };
  const keyFile = path.join(data.path, 'secret.key');
  let dropSchema: (() => Promise<void>) | undefined;
  let oldKey: string;
  let userId: string;
  let signingKeyFingerprint: string;
  const evidenceKeys: string[] = [];
  const packs = { sealed: randomUUID(), plain: randomUUID() };
  // Zips as far as storage is concerned: a plain one is told by its first local file header.
  const zips = {
    sealed: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(200_000)]),
    plain: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(70_000)]),
  };

  const start = (extra: Record<string, string> = {}) =>
    startPlumbline({ config: loadConfig({ ...env, ...extra }), clock, webRoot: '' });
  const auditCount = async (action: string) => {
    const database = await openConfiguredDatabase(loadConfig(env));
    try {
      const rows = await database.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', action)
        .execute();
      return rows.length;
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    if (testDatabaseKind() === 'postgresql') {
      const { schema, drop } = await createTestSchema();
      const url = new URL(testPostgresUrl());
      url.searchParams.set('options', `-c search_path=${schema}`);
      env.PLUMBLINE_DATABASE_URL = url.toString();
      dropSchema = drop;
    }
    // A server with an MFA secret, the pack signing key, evidence files, a pack, and a pack kept in
    // clear by an earlier version.
    const running = await start();
    try {
      oldKey = fs.readFileSync(keyFile, 'utf8');
      const { ctx } = running;
      userId = (
        await createUser(ctx, systemActor, {
          email: 'mfa@example.test',
          name: 'MFA user',
          role: 'admin',
          password: 'correct horse battery',
        })
      ).id;
      await ctx.db
        .updateTable('users')
        .set({ mfa_secret: ctx.secretBox.seal(TOTP_SECRET) })
        .where('id', '=', userId)
        .execute();
      signingKeyFingerprint = (await openPackSigningKey(ctx)).fingerprint;
      for (const content of EVIDENCE) {
        evidenceKeys.push((await ctx.evidenceStore.put(Readable.from([content]))).storageKey);
      }
      fs.mkdirSync(path.join(data.path, 'packs'), { recursive: true });
      const sealer = ctx.packStorage.sealer();
      fs.writeFileSync(
        ctx.packStorage.pathOf(packs.sealed),
        Buffer.concat([sealer.header, sealer.update(zips.sealed), sealer.final()]),
      );
    } finally {
      await running.close();
    }
    // Written once the server (and its pack runner, which would encrypt it) has stopped.
    fs.writeFileSync(path.join(data.path, 'packs', `${packs.plain}.zip`), zips.plain);
  }, 180_000);
  afterAll(async () => {
    await dropSchema?.();
    data.remove();
  });

  it('an interrupted rotation refuses the server until the command is run again', async () => {
    const database = await openConfiguredDatabase(loadConfig(env));
    try {
      await expect(
        rotateInstanceKey({ db: database.db, clock }, loadConfig(env), { interruptAfterItems: 3 }),
      ).rejects.toThrow(/interrupted after 3 items/);
    } finally {
      await database.close();
    }
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(oldKey);
    expect(fs.existsSync(path.join(data.path, 'secret.key.next'))).toBe(true);
    await expect(start()).rejects.toThrow(
      /key rotation started at .* has not finished\. Run `plumbline keys rotate` again/,
    );
  }, 120_000);

  it('running it again finishes the rotation and writes the new key to the key file', async () => {
    const result = await plumbline(['keys', 'rotate'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^Finished the interrupted key rotation: 0 secret\(s\), 2 evidence file\(s\) and 2 pack\(s\) re-encrypted, 3 already under the new key\.\nThe new key is in .*secret\.key\. Back it up now/,
    );
    const newKey = fs.readFileSync(keyFile, 'utf8');
    expect(newKey).not.toBe(oldKey);
    expect(Buffer.from(newKey.trim(), 'base64')).toHaveLength(32);
    expect(fs.existsSync(path.join(data.path, 'secret.key.next'))).toBe(false);
    expect(fs.readdirSync(path.join(data.path, 'packs')).sort()).toEqual(
      [`${packs.sealed}.zip`, `${packs.plain}.zip`].sort(),
    );

    expect(await auditCount('keys.rotation_started')).toBe(1);
    expect(await auditCount('keys.rotated')).toBe(1);
    expect(await auditCount('keys.secret_reencrypted')).toBe(2);
    expect(await auditCount('keys.file_reencrypted')).toBe(5);
  }, 120_000);

  it('the old key is refused afterwards', async () => {
    await expect(start({ PLUMBLINE_SECRET_KEY: oldKey.trim() })).rejects.toThrow(
      /PLUMBLINE_SECRET_KEY is not the instance key/,
    );
  }, 60_000);

  it('everything reads back under the new key', async () => {
    const running = await start();
    try {
      const { ctx } = running;
      const user = await ctx.db
        .selectFrom('users')
        .select('mfa_secret')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      expect(ctx.secretBox.open(user.mfa_secret!)).toBe(TOTP_SECRET);
      // The same signing key, its private half decrypted (not a new key made in its place).
      const signingKey = await openPackSigningKey(ctx);
      expect(signingKey.fingerprint).toBe(signingKeyFingerprint);
      expect(signingKey.privateKey.asymmetricKeyType).toBe('ed25519');
      for (const [index, storageKey] of evidenceKeys.entries()) {
        expect(await buffer(await ctx.evidenceStore.open(storageKey))).toEqual(EVIDENCE[index]);
      }
      expect(await buffer(await ctx.packStorage.open(packs.sealed))).toEqual(zips.sealed);
      expect(await ctx.packStorage.isPlain(packs.plain)).toBe(false);
      expect(await buffer(await ctx.packStorage.open(packs.plain))).toEqual(zips.plain);
    } finally {
      await running.close();
    }
  }, 60_000);

  it('rotates a key given in PLUMBLINE_SECRET_KEY to PLUMBLINE_NEW_SECRET_KEY and says where to put it', async () => {
    const current = fs.readFileSync(keyFile, 'utf8').trim();
    const next = randomBytes(32).toString('base64');
    const result = await plumbline(['keys', 'rotate'], {
      ...env,
      PLUMBLINE_SECRET_KEY: current,
      PLUMBLINE_NEW_SECRET_KEY: next,
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      `Set PLUMBLINE_SECRET_KEY to the new key on every instance before starting them (the old key is now refused), and back it up:\n  ${next}\n`,
    );
    expect(fs.existsSync(path.join(data.path, 'secret.key.next'))).toBe(false);
    await expect(start({ PLUMBLINE_SECRET_KEY: current })).rejects.toThrow(
      /is not the instance key/,
    );
    const running = await start({ PLUMBLINE_SECRET_KEY: next });
    try {
      expect(await buffer(await running.ctx.evidenceStore.open(evidenceKeys[0]!))).toEqual(
        EVIDENCE[0],
      );
    } finally {
      await running.close();
    }
  }, 120_000);
});
