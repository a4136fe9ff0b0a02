import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The instance's secret key, when PLUMBLINE_SECRET_KEY is not set, lives in `<data dir>/secret.key`
 * (base64, owner-only). Losing it makes everything encrypted at rest unreadable: back it up. It is
 * created only for a database that has never recorded a key (keys module, check-instance-key.ts).
 */
export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'secret.key');
}

/** Where `plumbline keys rotate` keeps the key it is moving to until it has finished. */
export function nextKeyFilePath(dataDir: string): string {
  return path.join(dataDir, 'secret.key.next');
}

/** The key in a key file, or null when there is no such file. */
export function readKeyFile(keyPath: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(keyPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte base64 key`);
  return key;
}

/**
 * Writes a key file, owner-only, through a temporary file flushed to disk and renamed into place,
 * so the file holds the whole old key or the whole new one.
 */
export function writeKeyFile(keyPath: string, key: Buffer): void {
  fs.mkdirSync(path.dirname(keyPath), { recursive: true });
  const tempPath = `${keyPath}.tmp`;
  const fd = fs.openSync(tempPath, 'w', 0o600);
  try {
    fs.writeFileSync(fd, key.toString('base64') + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tempPath, keyPath);
}

/**
 * What the database records of the instance key: an HMAC of a fixed text under the key. It tells
 * whether a key is the one the data was encrypted under, and reveals nothing about the key.
 */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update('plumbline/instance-key-check/v1').digest('hex');
}
