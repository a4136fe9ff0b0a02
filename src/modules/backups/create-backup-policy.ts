import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type {
  BackupPolicyScope,
  BackupPolicySettings,
  BackupPolicyView,
  CreateBackupPolicyBody,
} from './backup-policy.schema.js';
import { backupPolicyRepository } from './backup-policies.repository.js';
import { DEFAULT_BACKUP_POLICIES, settingsOf } from './effective-policy.js';
import { toBackupPolicyView } from './list-backup-policies.js';

/** The settings as columns. */
export function settingsColumns(settings: BackupPolicySettings) {
  return {
    incremental_every: settings.incrementalEvery,
    full_every: settings.fullEvery,
    grace: settings.grace,
    retention: settings.retention,
    rpo: settings.rpo,
    rto: settings.rto,
    encryption_required: settings.encryptionRequired,
    offsite_required: settings.offsiteRequired,
    required_regions: settings.requiredRegions,
    alert_recipients: settings.alertRecipients,
  };
}

/** A policy must say how often backups are due, or no window could ever be missed. */
export function assertHasFrequency(settings: BackupPolicySettings): void {
  if (settings.incrementalEvery === null && settings.fullEvery === null) {
    throw new AppError('validation_failed', 'A backup policy needs incrementalEvery or fullEvery', {
      issues: [{ path: 'body.incrementalEvery', message: 'set incrementalEvery or fullEvery' }],
    });
  }
}

async function scopeColumns(trx: Transaction<Database>, scope: BackupPolicyScope) {
  switch (scope.kind) {
    case 'asset': {
      const assetId = await backupPolicyRepository.assetIdByKey(trx, scope.asset);
      if (assetId === undefined) {
        throw new AppError('validation_failed', `No asset has the key ${scope.asset}`, {
          issues: [{ path: 'body.scope.asset', message: `no asset has the key "${scope.asset}"` }],
        });
      }
      return { kind: scope.kind, assetId, tag: null, category: null };
    }
    case 'tag':
      return { kind: scope.kind, assetId: null, tag: scope.tag, category: null };
    case 'category':
      return { kind: scope.kind, assetId: null, tag: null, category: scope.category };
  }
}

/**
 * Creates a backup policy for an asset, a tag or a category; settings left out take the SOP's
 * production-data default. One live policy per asset, tag and category (409 otherwise).
 */
export async function createBackupPolicy(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  body: CreateBackupPolicyBody,
): Promise<BackupPolicyView> {
  const { name, scope, ...given } = body;
  const settings: BackupPolicySettings = {
    ...settingsOf(DEFAULT_BACKUP_POLICIES['production-data']),
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  };
  assertHasFrequency(settings);
  return mutate(ctx, actor, async (tx) => {
    const columns = await scopeColumns(tx.trx, scope);
    const existing = await backupPolicyRepository.findLiveWithScope(tx.trx, columns);
    if (existing) {
      throw new AppError(
        'conflict',
        `The live policy "${existing.name}" already covers this ${scope.kind}; change or archive it`,
        { details: { policyId: existing.id } },
      );
    }
    const { id } = await backupPolicyRepository.insert(tx.trx, {
      name,
      scope_kind: columns.kind,
      asset_id: columns.assetId,
      tag: columns.tag,
      category: columns.category,
      ...settingsColumns(settings),
      created_at: tx.now,
      updated_at: tx.now,
    });
    const view = toBackupPolicyView((await backupPolicyRepository.findById(tx.trx, id))!);
    await tx.audit({
      action: 'backup-policy.created',
      entityType: 'backup-policy',
      entityId: id,
      after: view,
    });
    return view;
  });
}
