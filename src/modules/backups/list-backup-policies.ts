import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { BackupPolicyScope, BackupPolicyView } from './backup-policy.schema.js';
import { backupPolicyRepository, type BackupPolicyRow } from './backup-policies.repository.js';

function scopeOf(row: BackupPolicyRow): BackupPolicyScope {
  const kind = row.scope_kind as BackupPolicyScope['kind'];
  switch (kind) {
    case 'asset':
      return { kind, asset: row.asset_key! };
    case 'tag':
      return { kind, tag: row.tag! };
    case 'category':
      return {
        kind,
        category: row.category as Extract<BackupPolicyScope, { kind: 'category' }>['category'],
      };
  }
}

export function toBackupPolicyView(row: BackupPolicyRow): BackupPolicyView {
  return {
    id: row.id,
    name: row.name,
    scope: scopeOf(row),
    incrementalEvery: row.incremental_every,
    fullEvery: row.full_every,
    grace: row.grace,
    retention: row.retention,
    rpo: row.rpo,
    rto: row.rto,
    encryptionRequired: row.encryption_required,
    offsiteRequired: row.offsite_required,
    requiredRegions: row.required_regions,
    alertRecipients: row.alert_recipients,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    archivedAt: row.archived_at?.toISOString() ?? null,
  };
}

/** The backup policies, live ones only unless asked; ordered by scope kind and name. */
export async function listBackupPolicies(
  ctx: Pick<AppContext, 'db'>,
  options: { includeArchived: boolean } = { includeArchived: false },
): Promise<BackupPolicyView[]> {
  return (await backupPolicyRepository.list(ctx.db, options)).map(toBackupPolicyView);
}

export async function getBackupPolicy(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<BackupPolicyView> {
  const row = await backupPolicyRepository.findById(ctx.db, id);
  if (!row) throw notFound(`Backup policy ${id}`);
  return toBackupPolicyView(row);
}
