import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { DecideAccessReviewInput, DecideAccessReviewResult } from './access-review.schema.js';
import { accessReviewsRepository } from './access-reviews.repository.js';
import { decideReviewer, toCampaignView } from './access-review-views.js';

/** Usernames named in a refusal: enough to find them, never the whole list. */
const NAMED = 5;

/**
 * The owner's (or a delegate's) keep / revoke / change decision, with its comment, on one account
 * or many at once (named, or every one still undecided). A decision may be changed until the
 * campaign is signed; an unknown username refuses the whole request and stores nothing.
 */
export async function decideAccessReview(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  campaignId: string,
  input: DecideAccessReviewInput,
): Promise<DecideAccessReviewResult> {
  return mutate(ctx, principal.actor, async (tx) => {
    if (!(await accessReviewsRepository.lockCampaign(tx.trx, campaignId)))
      throw notFound('Access review');
    const campaign = (await accessReviewsRepository.findCampaign(tx.trx, campaignId))!;
    const reviewer = decideReviewer(principal, campaign);
    if (!reviewer.allowed) throw new AppError(reviewer.code, reviewer.reason);
    const usernames = input.usernames ? [...new Set(input.usernames)] : null;
    if (usernames) {
      const missing = await accessReviewsRepository.missingUsernames(tx.trx, campaignId, usernames);
      if (missing.length > 0) {
        const named = missing.slice(0, NAMED).join(', ');
        const more = missing.length > NAMED ? ` and ${missing.length - NAMED} more` : '';
        throw new AppError('validation_failed', `Not accounts of this review: ${named}${more}`, {
          issues: [{ path: 'body.usernames', message: `unknown: ${named}${more}` }],
        });
      }
    }
    const decided = await accessReviewsRepository.decide(
      tx.trx,
      campaignId,
      usernames ? { usernames } : { allPending: true },
      { decision: input.decision, comment: input.comment, by: principal.actor.label, at: tx.now },
    );
    await tx.audit({
      action: 'access-review.decided',
      entityType: 'access_review',
      entityId: campaignId,
      after: {
        decision: input.decision,
        comment: input.comment,
        ...(usernames ? { usernames } : { allPending: true }),
        decided,
      },
    });
    const after = toCampaignView((await accessReviewsRepository.findCampaign(tx.trx, campaignId))!);
    return { decided, progress: after.progress };
  });
}
