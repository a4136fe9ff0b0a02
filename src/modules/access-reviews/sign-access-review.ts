import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { startOfDate } from '../../platform/time/zoned-time.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import type { AccessReviewCampaignView } from './access-review.schema.js';
import { accessReviewsRepository, type CampaignRow } from './access-reviews.repository.js';
import { decideReviewer, toCampaignView } from './access-review-views.js';

/** The catalogue control a signed access review satisfies (access.yaml). */
export const ACCESS_REVIEW_CONTROL = 'access-review-quarterly';
/** What the signature on a completed access review means. */
export const ACCESS_REVIEW_MEANING = 'access-review-completed';

/** The first instant of a quarter such as 2026-Q4 in the organisation's time zone. */
export function quarterStart(quarter: string, timeZone: string): Date {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  const month = String((q - 1) * 3 + 1).padStart(2, '0');
  return startOfDate(`${year}-${month}-01`, timeZone);
}

/** Why a campaign cannot be signed yet, or null when every account has its decision. */
export function signingBlocker(campaign: AccessReviewCampaignView): string | null {
  const { pending, total } = campaign.progress;
  if (pending === 0) return null;
  return `${pending} of ${total} account(s) have no decision yet`;
}

/**
 * Signs a complete campaign (a decision on every account) with an e-signature of the owner or a
 * delegate. The signed record is the list of decisions; in the same transaction the quarter's
 * access-review occurrence of the system is completed and verified with that signature, so the
 * review counts for the quarter it reviewed even when signed after it.
 */
export async function signAccessReview(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  campaignId: string,
  input: { credentials: SignerCredentials; note: string },
): Promise<AccessReviewCampaignView> {
  const signer = requireSigningPerson(principal, 'sign an access review');
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    if (!(await accessReviewsRepository.lockCampaign(tx.trx, campaignId)))
      throw notFound('Access review');
    const row = (await accessReviewsRepository.findCampaign(tx.trx, campaignId))!;
    const reviewer = decideReviewer(principal, row);
    if (!reviewer.allowed) throw new AppError(reviewer.code, reviewer.reason);
    const campaign = toCampaignView(row);
    const blocker = signingBlocker(campaign);
    if (blocker) throw new AppError('conflict', `The review is not complete: ${blocker}`);
    const decisions = await accessReviewsRepository.decisionsOf(tx.trx, campaignId);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'access_review',
      entityId: campaignId,
      meaning: ACCESS_REVIEW_MEANING,
      note: input.note,
      credentials: input.credentials,
      record: {
        asset: campaign.asset,
        quarter: campaign.quarter,
        snapshotTakenAt: campaign.snapshotTakenAt,
        decisions: decisions.map((item) => ({
          username: item.username,
          decision: item.decision,
          comment: item.comment,
          decidedBy: item.decided_by,
          decidedAt: item.decided_at?.toISOString() ?? null,
        })),
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    const occurrenceId = await satisfyQuarter(ctx, tx, row, campaign, signed.signatureId);
    await accessReviewsRepository.markSigned(tx.trx, campaignId, {
      signatureId: signed.signatureId,
      by: signed.signerLabel,
      at: tx.now,
      occurrenceId,
    });
    await tx.audit({
      action: 'access-review.signed',
      entityType: 'access_review',
      entityId: campaignId,
      before: { status: 'open' },
      after: {
        status: 'signed',
        signatureId: signed.signatureId,
        progress: campaign.progress,
        occurrenceId,
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
  return toCampaignView((await accessReviewsRepository.findCampaign(ctx.db, campaignId))!);
}

/** The system's access-review occurrence of the reviewed quarter, satisfied by the signature. */
async function satisfyQuarter(
  ctx: Pick<AppContext, 'clock' | 'config'>,
  tx: AuditedTransaction,
  row: CampaignRow,
  campaign: AccessReviewCampaignView,
  signatureId: string,
): Promise<string | null> {
  const occurrence = await findOccurrenceCovering(
    { db: tx.trx, clock: ctx.clock },
    {
      control: ACCESS_REVIEW_CONTROL,
      asset: row.asset_key,
      instant: quarterStart(row.quarter, ctx.config.timezone),
      statusAt: tx.now,
    },
  );
  if (!occurrence) return null;
  const { total, keep, revoke, change } = campaign.progress;
  const satisfied = await satisfyOccurrence(tx, occurrence, {
    note:
      `Access review ${row.quarter} of ${row.asset_key} signed: ${total} account(s), ` +
      `${keep} kept, ${revoke} to revoke, ${change} to change.`,
    signatureId,
  });
  return satisfied.occurrenceId;
}
