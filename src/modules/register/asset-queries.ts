import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../platform/http/paging.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { AssetView, ListAssetsQuery } from './asset.schema.js';
import { assetRepository, toAssetView } from './asset.repository.js';

/** An asset's place in the list: its key (unique). */
const assetKeyCursor = z.tuple([z.string()]);

/**
 * A page of assets in key order with the total matching the filters. `cursor` (keyset, the
 * docs/api.md convention) or `offset` picks the page; `nextCursor` is null on the last one.
 */
export async function listAssets(
  ctx: Pick<AppContext, 'db'>,
  query: Omit<ListAssetsQuery, 'cursor'> & { cursor?: string | undefined },
): Promise<{ items: AssetView[]; total: number; nextCursor: string | null }> {
  const after =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, assetKeyCursor)[0];
  const rows = await assetRepository.pageWithTotal(ctx.db, {
    ...query,
    after,
    limit: query.limit + 1,
  });
  // A page past the end has no row to carry the count: then it is read on its own.
  const total =
    rows[0] !== undefined
      ? Number(rows[0].total)
      : query.offset > 0 || after !== undefined
        ? await assetRepository.countMatching(ctx.db, query)
        : 0;
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toAssetView),
    total,
    nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.key]) : null,
  };
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
