import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assetAuditView } from './asset-audit.js';
import { assetInputSchema, type AssetPatch, type AssetView } from './asset.schema.js';
import { assetColumns, assetRepository, toAssetView } from './asset.repository.js';
import { assertLifecycleChange } from './lifecycle-gate.js';
import { resolveSupplierId } from './resolve-supplier.js';

/**
 * Applies a patch to an asset inside an open audited transaction; shared by the edit form, the
 * inventory review ("correct the record") and anything else that changes an asset.
 */
export async function applyAssetPatch(
  tx: AuditedTransaction,
  key: string,
  patch: AssetPatch,
  options: {
    action?: string;
    /** Where the patch sits in the request, so field errors name what the caller sent. */
    fieldPath?: string;
  } = {},
): Promise<AssetView> {
  const { action = 'asset.updated', fieldPath = 'body' } = options;
  const existing = await assetRepository.findByKey(tx.trx, key);
  if (!existing) throw notFound(`Asset ${key}`);
  if (patch.expectedVersion !== undefined && patch.expectedVersion !== existing.version) {
    throw new AppError(
      'conflict',
      `Asset ${key} was changed by someone else (now version ${existing.version}); reload and try again`,
    );
  }
  const before = toAssetView(existing);
  const { expectedVersion: _expected, ...changes } = patch;
  const merged = assetInputSchema.safeParse({ ...before, ...changes });
  if (!merged.success) {
    throw new AppError('validation_failed', 'The change would leave the asset invalid', {
      issues: merged.error.issues.map((issue) => ({
        path: `${fieldPath}.${issue.path.join('.')}`,
        message: issue.message,
      })),
    });
  }
  const supplierId = await resolveSupplierId(
    tx.trx,
    merged.data.supplierKey,
    `${fieldPath}.supplierKey`,
  );
  await assertLifecycleChange(
    tx.trx,
    existing,
    before.lifecycleStatus,
    merged.data.lifecycleStatus,
  );
  await assetRepository.update(tx.trx, existing.id, assetColumns(merged.data, supplierId), tx.now);
  const after = toAssetView((await assetRepository.findByKey(tx.trx, key))!);
  await tx.audit({
    action,
    entityType: 'asset',
    entityId: existing.id,
    before: assetAuditView(before),
    after: assetAuditView(after),
  });
  return after;
}

/** Changes an asset's record; refuses if `expectedVersion` is stale. */
export async function updateAsset(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  key: string,
  patch: AssetPatch,
): Promise<AssetView> {
  return mutate(ctx, actor, (tx) => applyAssetPatch(tx, key, patch));
}
