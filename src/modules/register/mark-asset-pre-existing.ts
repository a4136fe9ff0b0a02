import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assetRepository } from './asset.repository.js';

/**
 * Marks an asset as pre-existing: it was running before Plumbline tracked its provisioning (found
 * by a Terraform sync or an inventory review, say), so it may enter service without a provisioning
 * request. The reason is kept and audited; marking twice is refused.
 */
export async function markAssetPreExisting(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  key: string,
  reason: string,
): Promise<{ key: string; reason: string; markedAt: string; markedBy: string }> {
  return mutate(ctx, actor, async (tx) => {
    const asset = await assetRepository.findByKey(tx.trx, key);
    if (!asset) throw notFound(`Asset ${key}`);
    const inserted = await tx.trx
      .insertInto('asset_pre_existing')
      .values({ asset_id: asset.id, reason, marked_at: tx.now, marked_by: actor.label })
      .onConflict((oc) => oc.doNothing())
      .returning('asset_id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('conflict', `Asset ${key} is already marked pre-existing`);
    await tx.audit({
      action: 'asset.marked_pre_existing',
      entityType: 'asset',
      entityId: asset.id,
      after: { reason },
    });
    return { key, reason, markedAt: tx.now.toISOString(), markedBy: actor.label };
  });
}
