import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The instance's secret key for encrypting sensitive fields: PLUMBLINE_SECRET_KEY when set (needed
 * when several instances share a PostgreSQL), otherwise a key file created once in the data
 * directory with owner-only permissions. Losing it makes sealed fields unreadable: back it up.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const keyPath = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${keyPath} does not hold a 32-byte base64 key`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = randomBytes(32);
    fs.writeFileSync(keyPath, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  }
}
