import { createHash } from 'node:crypto';
import type { Config } from '../../platform/config.js';
import { keyFilePath as keyFileIn, readKeyFile } from '../../platform/crypto/key-file.js';

/** Where an embedded instance keeps its key when PLUMBLINE_SECRET_KEY is not set. */
export function keyFilePath(config: Pick<Config, 'dataDir'>): string {
  return keyFileIn(config.dataDir);
}

/**
 * The instance key a backup or restore works with: PLUMBLINE_SECRET_KEY, else the data
 * directory's key file if there is one. Never creates a key (the server does that on first start).
 */
export function readInstanceKey(config: Pick<Config, 'dataDir' | 'secretKey'>): Buffer | null {
  return config.secretKey ?? readKeyFile(keyFilePath(config));
}

/** A key file holds the 32-byte key in base64 on one line. */
export function parseKeyFile(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error('The key file does not hold a 32-byte base64 key');
  return key;
}

/** Names a key without revealing it: a restore compares it with the key it will run with. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256')
    .update('plumbline/instance-key-fingerprint/v1\n')
    .update(key)
    .digest('hex')
    .slice(0, 32);
}
