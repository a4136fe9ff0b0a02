import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Ed25519 over the exact bytes of manifest.json. */
export function signManifest(privateKey: KeyObject, manifest: Buffer): Buffer {
  return sign(null, manifest, privateKey);
}

/** False for a wrong signature, a key that is not Ed25519, or a malformed key. */
export function verifyManifestSignature(
  publicKeyPem: string,
  manifest: Buffer,
  signature: Buffer,
): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, manifest, key, signature);
  } catch {
    return false;
  }
}
