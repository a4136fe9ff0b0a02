import type { AppContext } from '../../platform/context.js';
import { getAsset } from '../register/asset-queries.js';
import { listAssetsForScoping, type AssetForScoping } from '../register/list-scoped-assets.js';
import type { EffectiveBackupPolicy } from './backup-policy.schema.js';
import { effectivePolicyFor } from './effective-policy.js';
import { listBackupPolicies } from './list-backup-policies.js';

/** One asset with the policy that applies to it, and when that stored policy was created. */
export interface AssetWithEffectivePolicy {
  asset: AssetForScoping;
  effective: EffectiveBackupPolicy;
  /** Creation of the stored policy; null for the SOP defaults and for no policy. */
  policyCreatedAt: Date | null;
}

/**
 * Every asset with its effective policy (effectivePolicyFor: asset, tag with the strictest RPO,
 * category, SOP default), in one query for assets and one for policies. The single place that
 * resolves policies for evaluation, the status pages and `GET /assets/:key/backup-policy`, so
 * they cannot disagree. Assets whose source is `none` need no backup.
 */
export async function listEffectiveBackupPolicies(
  ctx: Pick<AppContext, 'db'>,
): Promise<AssetWithEffectivePolicy[]> {
  const [assets, policies] = await Promise.all([
    listAssetsForScoping(ctx),
    listBackupPolicies(ctx),
  ]);
  const createdAt = new Map(policies.map((policy) => [policy.id, new Date(policy.createdAt)]));
  return assets.map((asset) => {
    const effective = effectivePolicyFor(asset, policies);
    const policyCreatedAt = effective.policyId ? (createdAt.get(effective.policyId) ?? null) : null;
    return { asset, effective, policyCreatedAt };
  });
}

/** The policy that applies to one asset now, and where it comes from (404 for an unknown asset). */
export async function getEffectiveBackupPolicy(
  ctx: Pick<AppContext, 'db'>,
  assetKey: string,
): Promise<EffectiveBackupPolicy> {
  const [asset, policies] = await Promise.all([getAsset(ctx, assetKey), listBackupPolicies(ctx)]);
  return effectivePolicyFor(asset, policies);
}
