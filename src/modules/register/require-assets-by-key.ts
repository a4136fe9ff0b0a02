import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { assetRepository } from './asset.repository.js';

/**
 * The assets a record names by key (an incident's or a change's affected assets), or a 400 naming
 * each unknown key at its place in the request (`body.assets.1`).
 */
export async function requireAssetsByKey(
  db: Kysely<Database> | Transaction<Database>,
  keys: string[],
  path: string,
): Promise<{ id: string; key: string; environment: string }[]> {
  const assets = await assetRepository.findByKeys(db, keys);
  const missing = keys.filter((key) => !assets.some((asset) => asset.key === key));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `No asset has the key ${missing.join(', ')}`, {
      issues: missing.map((key) => ({
        path: `${path}.${keys.indexOf(key)}`,
        message: `no asset has the key "${key}"`,
      })),
    });
  }
  return assets.map((asset) => ({ id: asset.id, key: asset.key, environment: asset.environment }));
}
