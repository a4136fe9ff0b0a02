import { durationMs } from '../../platform/time/iso-duration.js';
import type {
  BackupPolicySettings,
  BackupPolicyView,
  EffectiveBackupPolicy,
} from './backup-policy.schema.js';

/** The defaults of the backup and DR SOP, applied where no stored policy covers an asset. */
export const DEFAULT_BACKUP_POLICIES = {
  /** Production data: daily incremental, weekly full, kept 30 days, RPO 24 h, RTO 4 h. */
  'production-data': {
    incrementalEvery: 'P1D',
    fullEvery: 'P7D',
    grace: 'PT2H',
    retention: 'P30D',
    rpo: 'PT24H',
    rto: 'PT4H',
    encryptionRequired: true,
    offsiteRequired: true,
    requiredRegions: [],
    alertRecipients: [],
  },
  /**
   * Configuration (assets tagged `configuration`): RPO 1 h, RTO 2 h, so a backup every hour; kept
   * indefinitely (SOP-018 5.5).
   */
  configuration: {
    incrementalEvery: 'PT1H',
    fullEvery: 'P1D',
    grace: 'PT30M',
    retention: 'indefinite',
    rpo: 'PT1H',
    rto: 'PT2H',
    encryptionRequired: true,
    offsiteRequired: true,
    requiredRegions: [],
    alertRecipients: [],
  },
} as const satisfies Record<string, BackupPolicySettings>;
export type DefaultBackupPolicyName = keyof typeof DEFAULT_BACKUP_POLICIES;

/** The tag that marks configuration (IaC repositories, config stores) for the SOP's defaults. */
export const CONFIGURATION_TAG = 'configuration';

/**
 * The categories whose production assets hold production data. Other production assets (network,
 * equipment, applications that keep their data in a database asset…) need no backup unless a
 * policy says so.
 */
export const PRODUCTION_DATA_CATEGORIES: readonly string[] = ['database', 'storage'];

/** What of an asset decides its policy. */
export interface BackupPolicyAsset {
  key: string;
  category: string;
  environment: string;
  tags: readonly string[];
}

export function settingsOf(policy: BackupPolicySettings): BackupPolicySettings {
  return {
    incrementalEvery: policy.incrementalEvery,
    fullEvery: policy.fullEvery,
    grace: policy.grace,
    retention: policy.retention,
    rpo: policy.rpo,
    rto: policy.rto,
    encryptionRequired: policy.encryptionRequired,
    offsiteRequired: policy.offsiteRequired,
    requiredRegions: [...policy.requiredRegions],
    alertRecipients: [...policy.alertRecipients],
  };
}

function fromPolicy(
  asset: BackupPolicyAsset,
  policy: BackupPolicyView,
  source: 'asset' | 'tag' | 'category',
  matched: string | null,
): EffectiveBackupPolicy {
  return {
    assetKey: asset.key,
    source,
    policyId: policy.id,
    policyName: policy.name,
    matched,
    settings: settingsOf(policy),
  };
}

function fromDefault(
  asset: BackupPolicyAsset,
  name: DefaultBackupPolicyName,
): EffectiveBackupPolicy {
  return {
    assetKey: asset.key,
    source: 'default',
    policyId: null,
    policyName: null,
    matched: name,
    settings: settingsOf(DEFAULT_BACKUP_POLICIES[name]),
  };
}

/**
 * The backup policy that applies to an asset: its own policy, else a policy for one of its tags
 * (when several tags have one, the strictest RPO wins, then the tag name), else the policy of its
 * category, else the SOP's default (configuration-tagged assets, then production databases and
 * storage), else
 * none: the asset needs no backup. Archived policies never apply. Pure: give it the live policies.
 */
export function effectivePolicyFor(
  asset: BackupPolicyAsset,
  policies: readonly BackupPolicyView[],
): EffectiveBackupPolicy {
  const live = policies.filter((policy) => policy.archivedAt === null);
  const own = live.find(
    (policy) => policy.scope.kind === 'asset' && policy.scope.asset === asset.key,
  );
  if (own) return fromPolicy(asset, own, 'asset', null);

  const byTag = live
    .flatMap((policy) =>
      policy.scope.kind === 'tag' && asset.tags.includes(policy.scope.tag)
        ? [{ policy, tag: policy.scope.tag }]
        : [],
    )
    .sort(
      (a, b) => durationMs(a.policy.rpo) - durationMs(b.policy.rpo) || a.tag.localeCompare(b.tag),
    );
  const tagged = byTag[0];
  if (tagged) return fromPolicy(asset, tagged.policy, 'tag', tagged.tag);

  const ofCategory = live.find(
    (policy) => policy.scope.kind === 'category' && policy.scope.category === asset.category,
  );
  if (ofCategory) return fromPolicy(asset, ofCategory, 'category', asset.category);

  if (asset.tags.includes(CONFIGURATION_TAG)) return fromDefault(asset, 'configuration');
  if (asset.environment === 'production' && PRODUCTION_DATA_CATEGORIES.includes(asset.category)) {
    return fromDefault(asset, 'production-data');
  }
  return {
    assetKey: asset.key,
    source: 'none',
    policyId: null,
    policyName: null,
    matched: null,
    settings: null,
  };
}
