import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import type { ReviewCampaignView, ReviewItemView } from './review.schema.js';
import { reviewRepository } from './review.repository.js';
import { toCampaignView, toItemView } from './review-views.js';

export async function listReviewCampaigns(
  ctx: Pick<AppContext, 'db'>,
): Promise<ReviewCampaignView[]> {
  return (await reviewRepository.listCampaigns(ctx.db)).map(toCampaignView);
}

export async function getReviewCampaign(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<ReviewCampaignView & { items: ReviewItemView[] }> {
  const campaign = await reviewRepository.findCampaign(ctx.db, id);
  if (!campaign) throw notFound('Review campaign');
  return {
    ...toCampaignView(campaign),
    items: (await reviewRepository.items(ctx.db, id)).map(toItemView),
  };
}

/** The catalogue control a completed inventory review satisfies (SOP-018 5.1.3). */
export const INVENTORY_REVIEW_CONTROL = 'inventory-review-quarterly';

/**
 * Closes a campaign; items still pending stay on record as not reviewed. A campaign closed with a
 * decision on every item is the quarter's inventory review: in the same transaction it completes
 * and verifies, as the person closing it, the `inventory-review-quarterly` occurrence whose period
 * holds the closure. One closed with items pending leaves that occurrence open.
 */
export async function closeReviewCampaign(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<ReviewCampaignView> {
  return mutate(ctx, actor, async (tx) => {
    const campaign = await reviewRepository.findCampaign(tx.trx, id);
    if (!campaign) throw notFound('Review campaign');
    if (campaign.status === 'closed')
      throw new AppError('conflict', 'This review campaign is already closed');
    await tx.trx
      .updateTable('review_campaigns')
      .set({ status: 'closed', closed_at: tx.now })
      .where('id', '=', id)
      .execute();
    const view = toCampaignView((await reviewRepository.findCampaign(tx.trx, id))!);
    const satisfied =
      view.progress.pending === 0 ? await satisfyReviewOccurrence(ctx, tx, view) : null;
    await tx.audit({
      action: 'review_campaign.closed',
      entityType: 'review_campaign',
      entityId: id,
      after: {
        progress: view.progress,
        satisfiedOccurrenceId: satisfied?.recorded ? satisfied.occurrenceId : null,
      },
    });
    return view;
  });
}

/** The quarter's review occurrence covering the closure, completed and verified by the closer. */
async function satisfyReviewOccurrence(
  ctx: Pick<AppContext, 'clock'>,
  tx: AuditedTransaction,
  campaign: ReviewCampaignView,
) {
  const occurrence = await findOccurrenceCovering(
    { db: tx.trx, clock: ctx.clock },
    { control: INVENTORY_REVIEW_CONTROL, asset: null, instant: tx.now, statusAt: tx.now },
  );
  if (!occurrence) return null;
  const { total, confirmed, corrected } = campaign.progress;
  return satisfyOccurrence(tx, occurrence, {
    note:
      `Inventory review campaign "${campaign.name}" closed with a decision on all ${total} ` +
      `asset(s): ${confirmed} confirmed, ${corrected} corrected.`,
  });
}
