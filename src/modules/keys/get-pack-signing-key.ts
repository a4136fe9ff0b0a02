import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { publicKeyFingerprint } from '../../platform/crypto/public-key-fingerprint.js';
import { signingKeyRepository } from './signing-key.repository.js';

export interface PackSigningKey {
  publicKeyPem: string;
  fingerprint: string;
  createdAt: string;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'secretBox'>;

/**
 * The instance's Ed25519 key for evidence packs, created when the first pack is signed. The private half is kept
 * in the database sealed with the instance key (AES-256-GCM, SecretBox), so it is as safe as the
 * MFA secrets and travels with the database backups; several instances share it. Two instances
 * creating it at once keep one (unique slot) and both read that one back.
 */
/**
 * The key if one was created (by the first pack), without creating it: reading the key is not a
 * change, so a reader such as an auditor never writes to the audit trail by asking for it.
 */
export async function findPackSigningKey(
  ctx: Pick<AppContext, 'db'>,
): Promise<PackSigningKey | null> {
  const row = await signingKeyRepository.currentKey(ctx.db);
  return row
    ? {
        publicKeyPem: row.public_key_pem,
        fingerprint: row.fingerprint,
        createdAt: row.created_at.toISOString(),
      }
    : null;
}

/** The key with its private half, for signing a manifest; created on first use. */
export async function openPackSigningKey(
  ctx: Ctx,
): Promise<PackSigningKey & { privateKey: KeyObject }> {
  const row = (await signingKeyRepository.currentKey(ctx.db)) ?? (await createKey(ctx));
  return {
    publicKeyPem: row.public_key_pem,
    fingerprint: row.fingerprint,
    createdAt: row.created_at.toISOString(),
    privateKey: createPrivateKey(ctx.secretBox.open(row.private_key_sealed)),
  };
}

/**
 * The public half for checking what the key signed (audit checkpoints), derived from the sealed
 * private half instead of read from its column: only a holder of the instance key, which lives
 * outside the database, can have stored that key, so a database administrator cannot swap in a
 * key of their own and sign forged checkpoints with it. Null when no key was created yet; throws
 * when this instance's key cannot open it.
 */
export async function openPackVerifyingKey(
  ctx: Pick<AppContext, 'db' | 'secretBox'>,
): Promise<{ publicKey: KeyObject; fingerprint: string } | null> {
  const row = await signingKeyRepository.currentKey(ctx.db);
  if (!row) return null;
  const publicKey = createPublicKey(createPrivateKey(ctx.secretBox.open(row.private_key_sealed)));
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { publicKey, fingerprint: publicKeyFingerprint(publicKeyPem) };
}

async function createKey(ctx: Ctx) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKeyPem);
  await mutate(
    ctx,
    systemActor,
    async (tx) => {
      const inserted = await signingKeyRepository.insertKeyIfNone(tx.trx, {
        publicKeyPem,
        privateKeySealed: ctx.secretBox.seal(privateKeyPem),
        fingerprint,
        createdAt: tx.now,
      });
      if (inserted) {
        await tx.audit({
          action: 'pack.signing_key_created',
          entityType: 'pack_signing_key',
          entityId: inserted.id,
          after: { algorithm: 'Ed25519', fingerprint },
        });
      }
    },
    { mayFindNothingToDo: true },
  );
  const row = await signingKeyRepository.currentKey(ctx.db);
  if (!row) throw new Error('The pack signing key could not be stored');
  return row;
}
