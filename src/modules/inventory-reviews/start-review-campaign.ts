import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { ReviewCampaignView, StartReviewInput } from './review.schema.js';
import { reviewRepository } from './review.repository.js';
import { toCampaignView } from './review-views.js';

/**
 * Opens an inventory review (quarterly in SOP-018): one item per in-scope asset still in use,
 * addressed to the asset's owner role and person as they stand today.
 */
export async function startReviewCampaign(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: StartReviewInput,
): Promise<ReviewCampaignView> {
  return mutate(ctx, actor, async (tx) => {
    let assets = tx.trx
      .selectFrom('assets')
      .select(['id', 'owner_role', 'owner_person'])
      .where('lifecycle_status', '!=', 'decommissioned');
    if (input.scope.category) assets = assets.where('category', '=', input.scope.category);
    if (input.scope.environment) assets = assets.where('environment', '=', input.scope.environment);
    if (input.scope.criticality) assets = assets.where('criticality', '=', input.scope.criticality);
    const inScope = await assets.execute();
    if (inScope.length === 0) {
      throw new AppError('validation_failed', 'No asset matches the scope; nothing to review', {
        issues: [{ path: 'body.scope', message: 'matches no asset' }],
      });
    }
    const campaign = await tx.trx
      .insertInto('review_campaigns')
      .values({
        name: input.name,
        status: 'open',
        due_on: input.dueOn,
        started_by: actor.label,
        started_at: tx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let index = 0; index < inScope.length; index += 1000) {
      await tx.trx
        .insertInto('review_items')
        .values(
          inScope.slice(index, index + 1000).map((asset) => ({
            campaign_id: campaign.id,
            asset_id: asset.id,
            owner_role: asset.owner_role,
            owner_person: asset.owner_person,
            status: 'pending',
          })),
        )
        .execute();
    }
    const view = toCampaignView((await reviewRepository.findCampaign(tx.trx, campaign.id))!);
    await tx.audit({
      action: 'review_campaign.started',
      entityType: 'review_campaign',
      entityId: campaign.id,
      after: { ...input, assets: inScope.length },
    });
    return view;
  });
}
