import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { assetAuditView } from './asset-audit.js';
import type { AssetInput, AssetView } from './asset.schema.js';
import { assetRepository, toAssetView } from './asset.repository.js';
import { insertPreExistingMarks, preExistingReasonOf } from './lifecycle-gate.js';
import { resolveSupplierId } from './resolve-supplier.js';

/**
 * Adds an infrastructure component to the register under a stable key. One registered in any stage
 * after `requested` got there outside Plumbline's provisioning records, so it is marked
 * pre-existing (lifecycle-gate.ts); a `requested` one goes through provisioning.
 */
export async function createAsset(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: AssetInput,
): Promise<AssetView> {
  return mutate(ctx, actor, async (tx) => {
    if (await assetRepository.findByKey(tx.trx, input.key)) {
      throw new AppError('conflict', `Asset ${input.key} already exists`, {
        issues: [{ path: 'body.key', message: 'is already used by another asset' }],
      });
    }
    const supplierId = await resolveSupplierId(tx.trx, input.supplierKey);
    await assetRepository.insert(tx.trx, input, supplierId, tx.now);
    const view = toAssetView((await assetRepository.findByKey(tx.trx, input.key))!);
    const preExisting = preExistingReasonOf(view.lifecycleStatus, 'Registered');
    await insertPreExistingMarks(tx, [{ assetId: view.id, reason: preExisting }]);
    await tx.audit({
      action: 'asset.created',
      entityType: 'asset',
      entityId: view.id,
      after: { ...assetAuditView(view), preExisting },
    });
    return view;
  });
}
