import type { AppContext } from '../../app/context.js';
import { getAsset } from '../register/asset-queries.js';
import { listAssetsForScoping } from '../register/list-scoped-assets.js';
import type { EffectiveBackupPolicy } from './backup-policy.schema.js';
import { effectivePolicyFor } from './effective-policy.js';
import { listBackupPolicies } from './list-backup-policies.js';

/** The policy that applies to one asset now, and where it comes from (404 for an unknown asset). */
export async function getEffectiveBackupPolicy(
  ctx: Pick<AppContext, 'db'>,
  assetKey: string,
): Promise<EffectiveBackupPolicy> {
  const [asset, policies] = await Promise.all([getAsset(ctx, assetKey), listBackupPolicies(ctx)]);
  return effectivePolicyFor(asset, policies);
}

/**
 * Every asset's effective policy, keyed by asset id (one query for assets, one for policies): what
 * evaluation walks. Assets whose source is `none` need no backup.
 */
export async function listEffectiveBackupPolicies(
  ctx: Pick<AppContext, 'db'>,
): Promise<Map<string, EffectiveBackupPolicy>> {
  const [assets, policies] = await Promise.all([
    listAssetsForScoping(ctx),
    listBackupPolicies(ctx),
  ]);
  return new Map(assets.map((asset) => [asset.id, effectivePolicyFor(asset, policies)]));
}
