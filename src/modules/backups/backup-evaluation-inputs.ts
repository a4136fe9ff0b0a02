import type { AppContext } from '../../app/context.js';
import { listAssetsForScoping } from '../register/list-scoped-assets.js';
import type { AssetUnderPolicy } from './backup-evaluation.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import type { EffectiveBackupPolicy } from './backup-policy.schema.js';
import { effectivePolicyFor } from './effective-policy.js';
import { listBackupPolicies } from './list-backup-policies.js';

/** Where a policy comes from, for people and e-mails. */
function describeSource(policy: EffectiveBackupPolicy): string {
  switch (policy.source) {
    case 'asset':
      return `asset policy "${policy.policyName}"`;
    case 'tag':
      return `tag ${policy.matched} policy "${policy.policyName}"`;
    case 'category':
      return `category ${policy.matched} policy "${policy.policyName}"`;
    case 'default':
      return `SOP defaults (${policy.matched})`;
    case 'none':
      return 'no policy';
  }
}

/**
 * Every in-service asset that a backup policy applies to (effectivePolicyFor: asset, tag,
 * category, SOP defaults), with that policy. Windows of an asset that never had a success count
 * from the later of the asset's and its stored policy's creation.
 */
export async function listAssetsUnderPolicy(
  ctx: Pick<AppContext, 'db'>,
): Promise<AssetUnderPolicy[]> {
  const [assets, policies, details] = await Promise.all([
    listAssetsForScoping(ctx),
    listBackupPolicies(ctx),
    backupIncidentRepository.assetNames(ctx.db),
  ]);
  const createdAt = new Map(policies.map((policy) => [policy.id, new Date(policy.createdAt)]));
  const result: AssetUnderPolicy[] = [];
  for (const asset of assets) {
    if (asset.lifecycleStatus !== 'in-service') continue;
    const detail = details.get(asset.id);
    const effective = effectivePolicyFor(asset, policies);
    if (!detail || !effective.settings) continue;
    const policyCreated = effective.policyId ? createdAt.get(effective.policyId) : undefined;
    result.push({
      id: asset.id,
      key: asset.key,
      name: detail.name,
      ownerRole: asset.ownerRole,
      policy: {
        source: describeSource(effective),
        ...effective.settings,
        monitoringSince:
          policyCreated && policyCreated > detail.createdAt ? policyCreated : detail.createdAt,
      },
    });
  }
  return result;
}
