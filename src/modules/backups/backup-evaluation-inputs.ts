import type { AppContext } from '../../platform/context.js';
import type { AssetUnderPolicy } from './backup-evaluation.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import type { EffectiveBackupPolicy } from './backup-policy.schema.js';
import { listEffectiveBackupPolicies } from './get-effective-backup-policy.js';

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
 * Every in-service asset that a backup policy applies to, with that policy: exactly the
 * resolution of listEffectiveBackupPolicies (the one behind `GET /assets/:key/backup-policy`).
 * Windows of an asset that never had a success count from the later of the asset's and its stored
 * policy's creation.
 */
export async function listAssetsUnderPolicy(
  ctx: Pick<AppContext, 'db'>,
): Promise<AssetUnderPolicy[]> {
  const [effective, details] = await Promise.all([
    listEffectiveBackupPolicies(ctx),
    backupIncidentRepository.assetNames(ctx.db),
  ]);
  const result: AssetUnderPolicy[] = [];
  for (const { asset, effective: policy, policyCreatedAt } of effective) {
    if (asset.lifecycleStatus !== 'in-service') continue;
    const detail = details.get(asset.id);
    if (!detail || !policy.settings) continue;
    result.push({
      id: asset.id,
      key: asset.key,
      name: detail.name,
      ownerRole: asset.ownerRole,
      policy: {
        source: describeSource(policy),
        ...policy.settings,
        monitoringSince:
          policyCreatedAt && policyCreatedAt > detail.createdAt
            ? policyCreatedAt
            : detail.createdAt,
      },
    });
  }
  return result;
}
