import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPlumbline } from '../../src/app/start.js';
import { keyCheckValue } from '../../src/platform/crypto/key-file.js';
import { createSecretBox } from '../../src/platform/crypto/secrets.js';
import type { DatabaseHandle } from '../../src/platform/db/connect.js';
import { testConfig } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

/*
 * The database records a check value of the instance key; a start with any other key, or without
 * the key file once data exists, is refused with a message saying what to do, and no key is ever
 * generated in place of a lost one.
 */
describe('the instance key is never replaced silently', () => {
  let database: DatabaseHandle;
  /** The same database for several starts: a stopped server does not drop it. */
  let shared: DatabaseHandle;
  const dataDirs: string[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    shared = { ...database, close: () => Promise.resolve() };
  });
  afterEach(async () => {
    await database.close();
    for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (env: Record<string, string>) => {
    const made = testConfig(env);
    dataDirs.push(made.dataDir);
    return made;
  };
  const start = async (configured: ReturnType<typeof config>) => {
    const running = await startPlumbline({ config: configured, database: shared, webRoot: '' });
    await running.close();
  };
  const base64 = (key: Buffer) => key.toString('base64');

  it('starts again with the key the data is encrypted under, and records its check value once', async () => {
    const key = randomBytes(32);
    await start(config({ PLUMBLINE_SECRET_KEY: base64(key) }));
    await start(config({ PLUMBLINE_SECRET_KEY: base64(key) }));
    const rows = await database.db.selectFrom('instance_key').selectAll().execute();
    expect(rows).toMatchObject([
      { check_value: keyCheckValue(key), rotating_to_check_value: null },
    ]);
    const recorded = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'keys.check_recorded')
      .execute();
    expect(recorded).toHaveLength(1);
  });

  it('refuses another PLUMBLINE_SECRET_KEY, naming the variable and what to do', async () => {
    await start(config({ PLUMBLINE_SECRET_KEY: base64(randomBytes(32)) }));
    const refused = start(config({ PLUMBLINE_SECRET_KEY: base64(randomBytes(32)) }));
    await expect(refused).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(refused).rejects.toThrow(
      /PLUMBLINE_SECRET_KEY is not the instance key .*restore it from your key backup.*plumbline keys rotate.*did not start/,
    );
  });

  it('refuses to start when the key file was deleted, and does not create a new one', async () => {
    const configured = config({ PLUMBLINE_SECRET_KEY: '' });
    await start(configured);
    const keyFile = path.join(configured.dataDir, 'secret.key');
    const key = fs.readFileSync(keyFile, 'utf8');
    expect((fs.statSync(keyFile).mode & 0o777).toString(8)).toBe('600');
    fs.rmSync(keyFile);

    const refused = start(configured);
    await expect(refused).rejects.toThrow(/key file .*secret\.key is missing.*Restore secret\.key/);
    expect(fs.existsSync(keyFile)).toBe(false);

    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    await start(configured);
  });

  it('refuses a key file holding another key', async () => {
    const configured = config({ PLUMBLINE_SECRET_KEY: '' });
    await start(configured);
    fs.writeFileSync(path.join(configured.dataDir, 'secret.key'), `${base64(randomBytes(32))}\n`);
    await expect(start(configured)).rejects.toThrow(
      /the key file .*secret\.key is not the instance key/,
    );
  });

  it('after an upgrade, records the check value only for a key that decrypts the existing secrets', async () => {
    // A database from before check values: a sealed MFA secret, no instance_key row.
    const key = randomBytes(32);
    await start(config({ PLUMBLINE_SECRET_KEY: base64(key) }));
    await database.db.deleteFrom('instance_key').execute();
    await database.db
      .insertInto('users')
      .values({
        email: 'mfa@example.test',
        name: 'MFA user',
        role: 'admin',
        password_hash: 'x',
        mfa_pending_secret: null,
        created_at: new Date(),
        updated_at: new Date(),
        mfa_secret: createSecretBox(key).seal('JBSWY3DPEHPK3PXP'),
      })
      .execute();

    await expect(start(config({ PLUMBLINE_SECRET_KEY: base64(randomBytes(32)) }))).rejects.toThrow(
      /PLUMBLINE_SECRET_KEY cannot decrypt the data already in this database/,
    );
    await expect(start(config({ PLUMBLINE_SECRET_KEY: '' }))).rejects.toThrow(
      /key file .* is missing and this database already holds encrypted data/,
    );
    expect(await database.db.selectFrom('instance_key').selectAll().execute()).toEqual([]);

    await start(config({ PLUMBLINE_SECRET_KEY: base64(key) }));
    expect(await database.db.selectFrom('instance_key').select('check_value').execute()).toEqual([
      { check_value: keyCheckValue(key) },
    ]);
  });
});
