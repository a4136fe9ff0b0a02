import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { AssetView, ListAssetsQuery } from './asset.schema.js';
import { assetRepository, toAssetView } from './asset.repository.js';

/** Lists a page of the assets matching the filters, ordered by key, with how many match in all. */
export async function listAssets(
  ctx: Pick<AppContext, 'db'>,
  query: ListAssetsQuery,
): Promise<{ items: AssetView[]; total: number }> {
  const [rows, total] = await Promise.all([
    assetRepository.list(ctx.db, query),
    assetRepository.countMatching(ctx.db, query),
  ]);
  return { items: rows.map(toAssetView), total };
}

export async function getAsset(ctx: Pick<AppContext, 'db'>, key: string): Promise<AssetView> {
  const row = await assetRepository.findByKey(ctx.db, key);
  if (!row) throw notFound(`Asset ${key}`);
  return toAssetView(row);
}

/** Every asset as a sync matches it: key, name, lifecycle stage, configuration reference, tags. */
export async function listAssetIdentities(db: AppContext['db'] | Transaction<Database>): Promise<
  {
    key: string;
    name: string;
    lifecycleStatus: string;
    configurationReference: string;
    tags: string[];
  }[]
> {
  const rows = await assetRepository.identities(db);
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    lifecycleStatus: row.lifecycle_status,
    configurationReference: row.configuration_reference,
    tags: row.tags,
  }));
}
