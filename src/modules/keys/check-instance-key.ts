import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import {
  keyCheckValue,
  keyFilePath,
  readKeyFile,
  writeKeyFile,
} from '../../platform/crypto/key-file.js';
import { createSecretBox } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/errors.js';
import { createEvidenceStore } from '../../platform/evidence/evidence-store.js';
import { keysRepository, type InstanceKeyRow } from './keys.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;
type KeyConfig = Pick<Config, 'secretKey' | 'dataDir' | 'evidenceDir'>;

/** Where the configured instance key comes from: the environment, or the key file. */
export type KeySource = { kind: 'environment' } | { kind: 'file'; path: string };

export function describeSource(source: KeySource): string {
  return source.kind === 'environment' ? 'PLUMBLINE_SECRET_KEY' : `the key file ${source.path}`;
}

/** PLUMBLINE_SECRET_KEY when set, else the key file (its key, or null when it does not exist). */
export function configuredKey(config: KeyConfig): { key: Buffer | null; source: KeySource } {
  if (config.secretKey) return { key: config.secretKey, source: { kind: 'environment' } };
  const path = keyFilePath(config.dataDir);
  return { key: readKeyFile(path), source: { kind: 'file', path } };
}

const refuse = (message: string) =>
  new AppError('config_invalid', `${message} Plumbline did not start.`);

export function wrongKey(source: KeySource): AppError {
  const what = describeSource(source);
  return refuse(
    `${what} is not the instance key this database's data is encrypted under (the key check value recorded in the database differs). ` +
      (source.kind === 'environment'
        ? 'Set PLUMBLINE_SECRET_KEY to the key used before (restore it from your key backup).'
        : `Restore ${source.path} from your key backup, or set PLUMBLINE_SECRET_KEY to the key used before.`) +
      ' To change the key on purpose, configure the current key and run `plumbline keys rotate`.',
  );
}

export function rotationUnfinished(row: InstanceKeyRow): AppError {
  return refuse(
    `A key rotation started at ${row.rotation_started_at?.toISOString() ?? 'an unknown time'} has not finished. Run \`plumbline keys rotate\` again (with the same configuration) to finish it.`,
  );
}

/**
 * The instance key this start may use, never a replacement made silently. With a check value
 * recorded in the database, the configured key must match it, and a missing key file is an error
 * (a new key could read nothing already encrypted). Without one (a new database, or the first
 * start after the upgrade that introduced it) the configured key, or a new key file for a new
 * database, must decrypt one existing secret and one evidence file if there are any; its check value
 * is then recorded (audited: `keys.check_recorded`).
 */
export async function checkInstanceKey(ctx: Ctx, config: KeyConfig): Promise<Buffer> {
  const row = await keysRepository.find(ctx.db);
  if (row?.rotating_to_check_value) throw rotationUnfinished(row);
  const configured = configuredKey(config);
  if (row) {
    if (!configured.key) {
      throw refuse(
        `The key file ${keyFilePath(config.dataDir)} is missing, but this database holds data encrypted under an instance key. Restore secret.key from your key backup into ${config.dataDir}, or set PLUMBLINE_SECRET_KEY to that key. No new key was generated: it could not read that data.`,
      );
    }
    if (keyCheckValue(configured.key) !== row.check_value) throw wrongKey(configured.source);
    return configured.key;
  }
  const key = configured.key ?? randomBytes(32);
  const problem = await probe(ctx, config, key);
  if (problem) {
    throw refuse(
      configured.key
        ? `${describeSource(configured.source)} cannot decrypt the data already in this database (${problem}). Configure the key that data was encrypted under.`
        : `The key file ${keyFilePath(config.dataDir)} is missing and this database already holds encrypted data (${problem}). Restore secret.key from your key backup, or set PLUMBLINE_SECRET_KEY. No new key was generated.`,
    );
  }
  if (!configured.key) writeKeyFile(keyFilePath(config.dataDir), key);
  const recorded = await mutate(ctx, systemActor, async (tx) => {
    const kept = await keysRepository.recordIfNone(tx.trx, keyCheckValue(key), tx.now);
    await tx.audit({
      action: 'keys.check_recorded',
      entityType: 'instance_key',
      entityId: 'instance',
      after: { checkValue: kept.check_value, source: configured.source.kind },
    });
    return kept;
  });
  // Another instance recorded its key first: this one must be the same.
  if (recorded.check_value !== keyCheckValue(key)) throw wrongKey(configured.source);
  return key;
}

/** Why `key` cannot be the key of the existing data, or null when nothing says so. */
async function probe(ctx: Ctx, config: KeyConfig, key: Buffer): Promise<string | null> {
  const sealed = await keysRepository.anySealedValue(ctx.db);
  if (sealed !== null) {
    try {
      createSecretBox(key).open(sealed);
    } catch {
      return 'an encrypted secret does not decrypt';
    }
  }
  const storageKey = await keysRepository.anyEvidenceStorageKey(ctx.db);
  if (storageKey !== null) {
    const store = createEvidenceStore({ dir: config.evidenceDir, instanceKey: key, maxBytes: 0 });
    const failure = await store.open(storageKey).then(
      (content) => {
        content.destroy();
        return null;
      },
      (error: unknown) => error,
    );
    // A missing file says nothing about the key; a file that does not authenticate does.
    if (failure instanceof AppError && failure.details?.reason === 'authentication_failed') {
      return 'an evidence file does not authenticate';
    }
  }
  return null;
}

/**
 * The instance key for a command that only reads (offline `audit verify`): checked against the
 * recorded check value like `checkInstanceKey`, but it records nothing and never creates a key.
 * Null when no key is configured and none was ever recorded (nothing was encrypted yet).
 */
export async function instanceKeyForReading(
  ctx: Pick<AppContext, 'db'>,
  config: KeyConfig,
): Promise<Buffer | null> {
  const row = await keysRepository.find(ctx.db);
  const configured = configuredKey(config);
  if (!configured.key) {
    if (!row) return null;
    throw refuse(
      `No instance key is configured, but this database holds data encrypted under one: set PLUMBLINE_SECRET_KEY or restore ${keyFilePath(config.dataDir)} from your key backup.`,
    );
  }
  if (row && keyCheckValue(configured.key) !== row.check_value) {
    throw wrongKey(configured.source);
  }
  return configured.key;
}
