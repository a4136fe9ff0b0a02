import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import {
  keyCheckValue,
  nextKeyFilePath,
  readKeyFile,
  writeKeyFile,
} from '../../platform/crypto/key-file.js';
import {
  resealFile,
  SealedFileError,
  verifySealedFile,
} from '../../platform/crypto/sealed-file.js';
import { createSecretBox, type SecretBox } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/errors.js';
import {
  createEvidenceStore,
  deriveEvidenceKey,
  EVIDENCE_FILE_MAGIC,
} from '../../platform/evidence/evidence-store.js';
import {
  createPackStorage,
  derivePackKey,
  PACK_FILE_MAGIC,
} from '../../platform/evidence/pack-storage.js';
import { configuredKey, describeSource, wrongKey } from './check-instance-key.js';
import { keysRepository, type SealedValue } from './keys.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;
type RotationConfig = Pick<Config, 'secretKey' | 'newSecretKey' | 'dataDir' | 'evidenceDir'>;

export interface KeyRotationReport {
  /** Whether this run finished a rotation an earlier run had started. */
  resumed: boolean;
  secretsReencrypted: number;
  evidenceFilesReencrypted: number;
  packsReencrypted: number;
  /** Items an interrupted earlier run had already re-encrypted. */
  alreadyUnderNewKey: number;
  /** The key file now holding the new key, or null when PLUMBLINE_SECRET_KEY must be changed. */
  keyFile: string | null;
  /** The new key, when the operator must put it in PLUMBLINE_SECRET_KEY. */
  newKeyForEnvironment: string | null;
  /** Where a generated key for the environment is also kept until the operator deletes it. */
  pendingKeyFile: string | null;
}

export interface KeyRotationOptions {
  /** Test port: stops with an error once this many items were re-encrypted (an interruption). */
  interruptAfterItems?: number;
}

const refuse = (message: string) => new AppError('config_invalid', message);

/**
 * Moves everything encrypted under the instance key to a new key (PLUMBLINE_NEW_SECRET_KEY, or a
 * generated one): every sealed secret in the database, every evidence file and every stored pack
 * (packs an earlier version kept in clear are encrypted on the way). Offline: every server must be
 * stopped.
 *
 * Resumable: the new key is written to `secret.key.next` and its check value recorded before the
 * first item moves; each item is re-encrypted on its own (a database row in its own audited
 * transaction, a file through a temporary file and an atomic rename, then audited), and an item
 * that already authenticates under the new key is skipped, so running the command again after an
 * interruption finishes the work. The key's check value changes only at the end, when the new
 * key has replaced the key file, or is printed for PLUMBLINE_SECRET_KEY.
 */
export async function rotateInstanceKey(
  ctx: Ctx,
  config: RotationConfig,
  options: KeyRotationOptions = {},
): Promise<KeyRotationReport> {
  const row = await keysRepository.find(ctx.db);
  if (!row) {
    throw refuse(
      'No instance key check value is recorded yet: start the server once with the current key, then rotate.',
    );
  }
  const configured = configuredKey(config);
  if (!configured.key) {
    throw refuse(
      `${describeSource(configured.source)} is missing: restore it from your key backup before rotating.`,
    );
  }
  const nextPath = nextKeyFilePath(config.dataDir);
  const report: KeyRotationReport = {
    resumed: row.rotating_to_check_value !== null,
    secretsReencrypted: 0,
    evidenceFilesReencrypted: 0,
    packsReencrypted: 0,
    alreadyUnderNewKey: 0,
    keyFile: configured.source.kind === 'file' ? configured.source.path : null,
    newKeyForEnvironment: null,
    pendingKeyFile: null,
  };

  let newKey: Buffer;
  if (row.rotating_to_check_value !== null) {
    // An earlier run moved the key file as its last step: only the check value is left to change.
    if (keyCheckValue(configured.key) === row.rotating_to_check_value) {
      await finish(ctx, configured.key, report);
      fs.rmSync(nextPath, { force: true });
      return report;
    }
    if (keyCheckValue(configured.key) !== row.check_value) throw wrongKey(configured.source);
    const pending = config.newSecretKey ?? readKeyFile(nextPath);
    if (!pending || keyCheckValue(pending) !== row.rotating_to_check_value) {
      throw refuse(
        `An unfinished rotation is moving to another key than ${config.newSecretKey ? 'PLUMBLINE_NEW_SECRET_KEY' : `the one in ${nextPath}`}: set PLUMBLINE_NEW_SECRET_KEY to the key it started with, or restore ${nextPath}, and run the command again.`,
      );
    }
    newKey = pending;
  } else {
    if (keyCheckValue(configured.key) !== row.check_value) throw wrongKey(configured.source);
    newKey = config.newSecretKey ?? randomBytes(32);
    if (newKey.equals(configured.key)) {
      throw refuse('PLUMBLINE_NEW_SECRET_KEY is the current key: nothing to rotate.');
    }
    // Kept before anything moves, so an interruption never loses the key half the data is under.
    writeKeyFile(nextPath, newKey);
    await mutate(ctx, systemActor, async (tx) => {
      await keysRepository.startRotation(tx.trx, keyCheckValue(newKey), tx.now);
      await tx.audit({
        action: 'keys.rotation_started',
        entityType: 'instance_key',
        entityId: 'instance',
        before: { checkValue: row.check_value },
        after: { checkValue: keyCheckValue(newKey) },
      });
    });
  }

  let moved = 0;
  const beforeEach = () => {
    if (options.interruptAfterItems !== undefined && moved >= options.interruptAfterItems) {
      throw new Error(`Key rotation interrupted after ${moved} items`);
    }
  };
  const oldKey = configured.key;

  const oldBox = createSecretBox(oldKey);
  const newBox = createSecretBox(newKey);
  for (const value of await keysRepository.sealedValues(ctx.db)) {
    beforeEach();
    const plaintext = openEither(value, oldBox, newBox);
    if (plaintext === null) {
      report.alreadyUnderNewKey += 1;
      continue;
    }
    await mutate(ctx, systemActor, async (tx) => {
      await keysRepository.replaceSealedValue(tx.trx, value, newBox.seal(plaintext));
      await tx.audit({
        action: 'keys.secret_reencrypted',
        entityType: value.table,
        entityId: value.id,
        after: { column: value.column },
      });
    });
    report.secretsReencrypted += 1;
    moved += 1;
  }

  const evidence = createEvidenceStore({
    dir: config.evidenceDir,
    instanceKey: oldKey,
    maxBytes: 0,
  });
  const [oldEvidenceKey, newEvidenceKey] = [deriveEvidenceKey(oldKey), deriveEvidenceKey(newKey)];
  for await (const storageKey of evidence.storageKeys()) {
    beforeEach();
    const filePath = evidence.pathOf(storageKey);
    const outcome = await resealEither(
      filePath,
      oldEvidenceKey,
      newEvidenceKey,
      EVIDENCE_FILE_MAGIC,
    );
    if (outcome === 'already') {
      report.alreadyUnderNewKey += 1;
      continue;
    }
    await auditFile(ctx, 'evidence_file', storageKey);
    report.evidenceFilesReencrypted += 1;
    moved += 1;
  }

  const oldPacks = createPackStorage({ dataDir: config.dataDir, instanceKey: oldKey });
  const newPacks = createPackStorage({ dataDir: config.dataDir, instanceKey: newKey });
  const [oldPackKey, newPackKey] = [derivePackKey(oldKey), derivePackKey(newKey)];
  for (const id of await oldPacks.ids()) {
    beforeEach();
    if (await oldPacks.isPlain(id)) {
      await newPacks.sealPlain(id);
    } else {
      const outcome = await resealEither(
        oldPacks.pathOf(id),
        oldPackKey,
        newPackKey,
        PACK_FILE_MAGIC,
      );
      if (outcome === 'already') {
        report.alreadyUnderNewKey += 1;
        continue;
      }
    }
    await auditFile(ctx, 'evidence_pack', id);
    report.packsReencrypted += 1;
    moved += 1;
  }

  if (configured.source.kind === 'file') {
    writeKeyFile(configured.source.path, newKey);
    fs.rmSync(nextPath, { force: true });
  } else {
    report.newKeyForEnvironment = newKey.toString('base64');
    // A key the operator gave is theirs already; a generated one stays on disk until they have it.
    if (config.newSecretKey) fs.rmSync(nextPath, { force: true });
    else report.pendingKeyFile = nextPath;
  }
  await finish(ctx, newKey, report);
  return report;
}

/** The plaintext under the old key; null when it is already under the new key. */
function openEither(value: SealedValue, oldBox: SecretBox, newBox: SecretBox): string | null {
  try {
    return oldBox.open(value.sealed);
  } catch {
    try {
      newBox.open(value.sealed);
      return null;
    } catch {
      throw new AppError(
        'evidence_corrupt',
        `The encrypted ${value.table}.${value.column} of ${value.id} decrypts under neither the old nor the new key; the rotation stopped before it. Restore that row from a backup, or clear it, and run the command again.`,
      );
    }
  }
}

async function resealEither(
  filePath: string,
  oldKey: Buffer,
  newKey: Buffer,
  magic: Buffer,
): Promise<'resealed' | 'already'> {
  try {
    await resealFile(filePath, oldKey, newKey, magic);
    return 'resealed';
  } catch (error) {
    if (!(error instanceof SealedFileError)) throw error;
    if (error.reason !== 'authentication_failed') {
      throw new AppError(
        'evidence_corrupt',
        `${filePath} cannot be re-encrypted (${error.reason}); the rotation stopped before it. Restore the file from a backup, or move it away, and run the command again.`,
      );
    }
  }
  try {
    await verifySealedFile(filePath, newKey, magic);
    return 'already';
  } catch {
    throw new AppError(
      'evidence_corrupt',
      `${filePath} authenticates under neither the old nor the new key; the rotation stopped before it. Restore the file from a backup and run the command again.`,
    );
  }
}

function auditFile(ctx: Ctx, entityType: 'evidence_file' | 'evidence_pack', entityId: string) {
  return mutate(ctx, systemActor, (tx) =>
    tx.audit({ action: 'keys.file_reencrypted', entityType, entityId }),
  );
}

async function finish(ctx: Ctx, newKey: Buffer, report: KeyRotationReport): Promise<void> {
  await mutate(ctx, systemActor, async (tx) => {
    await keysRepository.finishRotation(tx.trx, keyCheckValue(newKey), tx.now);
    await tx.audit({
      action: 'keys.rotated',
      entityType: 'instance_key',
      entityId: 'instance',
      after: {
        checkValue: keyCheckValue(newKey),
        resumed: report.resumed,
        secretsReencrypted: report.secretsReencrypted,
        evidenceFilesReencrypted: report.evidenceFilesReencrypted,
        packsReencrypted: report.packsReencrypted,
        alreadyUnderNewKey: report.alreadyUnderNewKey,
        keyWrittenTo: report.keyFile ?? 'PLUMBLINE_SECRET_KEY (by the operator)',
      },
    });
  });
}
