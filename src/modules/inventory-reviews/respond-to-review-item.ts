import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { can } from '../../platform/auth/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assetAuditView } from '../register/asset-audit.js';
import { addMonths, dateInZone } from '../../platform/time/zoned-time.js';
import type { RespondToReviewInput, ReviewItemView } from './review.schema.js';
import { reviewRepository } from './review.repository.js';
import { toItemView } from './review-views.js';
import { applyAssetPatch } from '../register/update-asset.js';

/** The SOP reviews the inventory quarterly: the next review falls due three months on. */
const REVIEW_INTERVAL_MONTHS = 3;

/**
 * The owner's answer for one asset: "the record is right" or "here is the correction". Either way
 * the asset is stamped reviewed today and the item keeps a dated snapshot of the record as
 * confirmed, which is the per-asset review record auditors sample.
 */
export async function respondToReviewItem(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  campaignId: string,
  itemId: string,
  input: RespondToReviewInput,
): Promise<ReviewItemView> {
  return mutate(ctx, actor, async (tx) => {
    const campaign = await reviewRepository.findCampaign(tx.trx, campaignId);
    const item = campaign ? await reviewRepository.findItem(tx.trx, campaignId, itemId) : undefined;
    if (!campaign || !item) throw notFound('Review item');
    if (campaign.status !== 'open')
      throw new AppError('conflict', 'This review campaign is closed');
    if (item.status !== 'pending')
      throw new AppError(
        'conflict',
        `This asset was already ${item.status} by ${item.decided_by ?? 'someone'}`,
      );
    const isOwner =
      actor.role === item.owner_role ||
      (item.owner_person !== '' && actor.label === item.owner_person);
    if (!isOwner && !can(actor.role, 'review:manage')) {
      throw new AppError(
        'forbidden',
        `Only the owner (${item.owner_person || item.owner_role}) or the review manager can answer for ${item.asset_key}`,
      );
    }
    const today = dateInZone(tx.now, ctx.config.timezone);
    const stamp = {
      lastReviewedOn: today,
      nextReviewDueOn: addMonths(today, REVIEW_INTERVAL_MONTHS),
    };
    const changes = input.decision === 'corrected' ? { ...input.changes, ...stamp } : stamp;
    const asset = await applyAssetPatch(tx, item.asset_key, changes, {
      action: input.decision === 'corrected' ? 'asset.corrected_in_review' : 'asset.reviewed',
      fieldPath: 'body.changes',
    });
    await tx.trx
      .updateTable('review_items')
      .set({
        status: input.decision,
        decided_by: actor.label,
        decided_at: tx.now,
        note: input.note,
        changes: input.decision === 'corrected' ? JSON.stringify(input.changes) : null,
        record_snapshot: JSON.stringify(assetAuditView(asset)),
      })
      .where('id', '=', itemId)
      .execute();
    await tx.audit({
      action: `review_item.${input.decision}`,
      entityType: 'review_item',
      entityId: itemId,
      after: { campaignId, assetKey: item.asset_key, decision: input.decision, note: input.note },
    });
    return toItemView((await reviewRepository.findItem(tx.trx, campaignId, itemId))!);
  });
}
