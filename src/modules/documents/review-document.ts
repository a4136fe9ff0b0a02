import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { addMonths, dateInZone } from '../../platform/time/zoned-time.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import type { PeriodicReviewBody } from './document.schema.js';
import { lockVersion } from './document.service.js';
import { documentReviewRepository } from './document-review.repository.js';
import { documentRepository } from './documents.repository.js';
import { meetDocumentReviews } from './meet-document-reviews.js';

/** What the signature of a periodic review without change means. */
export const PERIODIC_REVIEW_MEANING = 'reviewed-no-change';

/**
 * The periodic review of an effective version that needs no change: the reviewer signs (with
 * re-authentication) that it was reviewed and stays as it is, the version's next review date is
 * set (one year after today unless given), and the open periodic review occurrences of the
 * document are met by that signature, all in one audited transaction. A version that needs
 * changing is revised instead: its next version taking effect meets the review.
 */
export async function reviewDocumentVersion(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  key: string,
  versionNumber: number,
  input: PeriodicReviewBody,
): Promise<void> {
  const signer = requireSigningPerson(principal, 'sign a periodic review');
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const { document, version } = await lockVersion(tx, key, versionNumber);
    if (version.status !== 'effective') {
      throw new AppError(
        'conflict',
        `${document.key} v${version.version} is ${version.status}: only the effective version is periodically reviewed`,
      );
    }
    const today = dateInZone(tx.now, ctx.config.timezone);
    const nextReviewDueOn = input.nextReviewDueOn ?? addMonths(today, 12);
    if (nextReviewDueOn <= today) {
      throw new AppError('validation_failed', 'The next review date must be after today', {
        issues: [{ path: 'body.nextReviewDueOn', message: `must be after ${today}` }],
      });
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'document_version',
      entityId: version.id,
      meaning: PERIODIC_REVIEW_MEANING,
      note: input.note,
      credentials: signerCredentialsOf(input),
      record: {
        document: document.key,
        version: version.version,
        contentSha256: version.content_sha256,
        meaning: PERIODIC_REVIEW_MEANING,
        reviewDueOn: version.review_due_on,
        nextReviewDueOn,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await documentReviewRepository.insertPeriodicReview(tx.trx, {
      documentId: document.id,
      versionId: version.id,
      reviewDueOn: version.review_due_on,
      nextReviewDueOn,
      note: input.note,
      signatureId: signed.signatureId,
      signerLabel: signed.signerLabel,
      at: tx.now,
    });
    await documentReviewRepository.setReviewDueOn(tx.trx, version.id, nextReviewDueOn);
    await documentRepository.addEvent(tx.trx, {
      documentId: document.id,
      versionId: version.id,
      kind: 'periodic-review',
      text: `v${version.version} reviewed with no change by ${signed.signerLabel}; next review ${nextReviewDueOn}`,
      by: signed.signerLabel,
      now: tx.now,
    });
    await tx.audit({
      action: 'document.periodic_review_signed',
      entityType: 'document_version',
      entityId: version.id,
      before: { reviewDueOn: version.review_due_on },
      after: {
        document: document.key,
        version: version.version,
        reviewDueOn: nextReviewDueOn,
        signatureId: signed.signatureId,
        note: input.note,
      },
    });
    await meetDocumentReviews(tx, {
      documentId: document.id,
      documentKey: document.key,
      by: 'reviewed',
      note: `${document.key} v${version.version} reviewed with no change: ${input.note}`,
      signatureId: signed.signatureId,
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
