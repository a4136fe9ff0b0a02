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
