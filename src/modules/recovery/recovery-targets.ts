import type { AppContext } from '../../platform/context.js';
import { DEFAULT_BACKUP_POLICIES } from '../backups/effective-policy.js';
import { getEffectiveBackupPolicy } from '../backups/get-effective-backup-policy.js';

export interface RecoveryTargets {
  /** ISO 8601 durations, as policies and the catalogue write them. */
  rto: string;
  rpo: string;
  /** Where the targets came from, shown with the result. */
  source: string;
}

/**
 * The recovery objectives of an asset: those of its effective backup policy (its own, a tag's, its
 * category's, or the SOP default). An asset no policy requires a backup of is still held to the
 * SOP's production-data objectives when someone tests its restore.
 */
export async function recoveryTargetsFor(
  ctx: Pick<AppContext, 'db'>,
  assetKey: string,
): Promise<RecoveryTargets> {
  const policy = await getEffectiveBackupPolicy(ctx, assetKey);
  if (policy.settings === null) {
    const fallback = DEFAULT_BACKUP_POLICIES['production-data'];
    return {
      rto: fallback.rto,
      rpo: fallback.rpo,
      source: 'SOP default for production data (no backup policy applies)',
    };
  }
  const source =
    policy.source === 'default'
      ? `SOP default for ${policy.matched ?? 'production data'}`
      : `Backup policy "${policy.policyName ?? ''}" (by ${policy.source})`;
  return { rto: policy.settings.rto, rpo: policy.settings.rpo, source };
}
