import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { AuditCheckpoint, AuditCheckpointClaim } from './audit-checkpoint.schema.js';

const signedBytes = (claim: AuditCheckpointClaim) =>
  Buffer.from(
    canonicalize({
      format: claim.format,
      seq: claim.seq,
      hash: claim.hash,
      at: claim.at,
      keyFingerprint: claim.keyFingerprint,
    }),
  );

/** Signs a checkpoint: Ed25519 over the canonical JSON (RFC 8785) of its claim. */
export function signAuditCheckpoint(
  privateKey: KeyObject,
  claim: AuditCheckpointClaim,
): AuditCheckpoint {
  return { ...claim, signature: sign(null, signedBytes(claim), privateKey).toString('base64') };
}

/** Why the checkpoint's signature does not hold with this key, or null when it does. */
export function auditCheckpointSignatureProblem(
  key: { publicKey: KeyObject; fingerprint: string } | null,
  checkpoint: AuditCheckpoint,
): string | null {
  if (!key) return 'this instance has no signing key to check it with';
  if (checkpoint.keyFingerprint !== key.fingerprint) {
    return `signed by key ${checkpoint.keyFingerprint}, not by this instance's key ${key.fingerprint}`;
  }
  const signature = Buffer.from(checkpoint.signature, 'base64');
  return verify(null, signedBytes(checkpoint), key.publicKey, signature)
    ? null
    : 'its signature does not verify: the checkpoint was altered or forged';
}
