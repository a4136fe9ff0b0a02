import { createHash, createPublicKey } from 'node:crypto';

/**
 * The fingerprint of a public key: the SHA-256 of its DER SubjectPublicKeyInfo, the same bytes
 * `openssl pkey -pubin -outform DER` prints, so anyone can recompute it by hand.
 */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}
