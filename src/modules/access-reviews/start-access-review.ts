import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { periodContaining } from '../occurrences/cadence-periods.js';
import { getAsset } from '../register/asset-queries.js';
import type { AccessReviewCampaignView, StartAccessReviewInput } from './access-review.schema.js';
import { accessReviewsRepository } from './access-reviews.repository.js';
import { toCampaignView } from './access-review-views.js';

/**
 * Opens the quarter's access review of one system: every account its latest snapshot shows
 * present becomes an item, copied as it stands (roles, privilege, MFA), for the owner or a
 * delegate to decide. One campaign per system and quarter; a future quarter cannot be reviewed.
 */
export async function startAccessReview(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: StartAccessReviewInput,
): Promise<AccessReviewCampaignView> {
  const asset = await getAsset(ctx, input.asset);
  const current = periodContaining('quarterly', dateInZone(ctx.clock.now(), ctx.config.timezone));
  const quarter = input.quarter ?? current.key;
  if (quarter > current.key) {
    throw new AppError('validation_failed', `${quarter} has not begun: it cannot be reviewed yet`, {
      issues: [{ path: 'body.quarter', message: 'is a future quarter' }],
    });
  }
  return mutate(ctx, actor, async (tx) => {
    const existing = await accessReviewsRepository.findCampaignOf(tx.trx, asset.id, quarter);
    if (existing) {
      throw new AppError(
        'conflict',
        `${input.asset} already has its ${quarter} access review (${existing.id})`,
      );
    }
    const snapshot = await accessReviewsRepository.latestSnapshot(tx.trx, asset.id);
    if (!snapshot) {
      throw new AppError(
        'conflict',
        `No account snapshot of ${input.asset} yet: ingest its accounts before reviewing them`,
      );
    }
    const id = await accessReviewsRepository.insertCampaign(tx.trx, {
      assetId: asset.id,
      quarter,
      snapshotId: snapshot.id,
      snapshotTakenAt: snapshot.taken_at,
      delegates: input.delegates,
      by: actor.label,
      at: tx.now,
    });
    const items = await accessReviewsRepository.insertItemsFromAccounts(tx.trx, id, asset.id);
    await tx.audit({
      action: 'access-review.started',
      entityType: 'access_review',
      entityId: id,
      after: {
        asset: input.asset,
        quarter,
        delegates: input.delegates,
        snapshotTakenAt: snapshot.taken_at.toISOString(),
        items,
      },
    });
    return toCampaignView((await accessReviewsRepository.findCampaign(tx.trx, id))!);
  });
}
