import type { AppContext } from '../../app/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
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

/** Closes a campaign; items still pending stay on record as not reviewed. */
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
    await tx.audit({
      action: 'review_campaign.closed',
      entityType: 'review_campaign',
      entityId: id,
      after: { progress: view.progress },
    });
    return view;
  });
}
