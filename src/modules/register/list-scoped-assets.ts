import type { AppContext } from '../../platform/context.js';

/** The fields of an asset that control scopes select on, for every asset in the register. */
export interface AssetForScoping {
  id: string;
  key: string;
  category: string;
  environment: string;
  criticality: string;
  dataClassification: string;
  lifecycleStatus: string;
  thirdPartyManaged: boolean;
  tags: string[];
  ownerRole: string;
}

/** All assets, reduced to what scheduling needs (cheap enough for tens of thousands of assets). */
export async function listAssetsForScoping(
  ctx: Pick<AppContext, 'db'>,
): Promise<AssetForScoping[]> {
  const rows = await ctx.db
    .selectFrom('assets')
    .select([
      'id',
      'key',
      'category',
      'environment',
      'criticality',
      'data_classification',
      'lifecycle_status',
      'third_party_managed',
      'tags',
      'owner_role',
    ])
    .orderBy('key')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    category: row.category,
    environment: row.environment,
    criticality: row.criticality,
    dataClassification: row.data_classification,
    lifecycleStatus: row.lifecycle_status,
    thirdPartyManaged: row.third_party_managed,
    tags: row.tags,
    ownerRole: row.owner_role,
  }));
}
