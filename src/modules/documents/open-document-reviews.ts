import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { claimJobSlot, completeJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { addDays, dateInZone, startOfDate } from '../../platform/time/zoned-time.js';
import { openExpiryRenewal, renewalNoticeHorizon } from '../occurrences/open-expiry-renewal.js';
import { documentReviewRepository } from './document-review.repository.js';

/** The trigger of the periodic review control (document-periodic-review). */
export const DOCUMENT_REVIEW_TRIGGER = 'document-review-due';
export const DOCUMENT_REVIEW_JOB = 'document-periodic-reviews';
const SLOT_MS = 3_600_000;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/**
 * Opens the periodic review occurrence of every effective document version whose review date
 * (front matter `review_date`, one year after it took effect by default, or the date the last
 * "no change" review set) is 30 days away or less: the shared expiry mechanism of the occurrences
 * module records a `document-review-due` trigger event 30 days before the end of the review date,
 * due then, idempotent on version and date, linked to the version in the same transaction. A new
 * effective version or a signed "reviewed, no change" review meets it (meet-document-reviews.ts).
 */
export async function openDocumentReviews(ctx: Ctx): Promise<number> {
  const horizon = renewalNoticeHorizon(ctx.clock.now());
  const due = await documentReviewRepository.dueWithoutOccurrence(
    ctx.db,
    dateInZone(horizon, ctx.config.timezone),
  );
  let opened = 0;
  for (const version of due) {
    // Reviewed on the review date at the latest: due at the end of that day, local time.
    const dueAt = startOfDate(addDays(version.review_due_on, 1), ctx.config.timezone);
    if (dueAt > horizon) continue;
    opened += await openExpiryRenewal(
      ctx,
      {
        trigger: DOCUMENT_REVIEW_TRIGGER,
        asset: null,
        expiresAt: dueAt,
        externalId: `document-review-due:${version.version_id}:${version.review_due_on}`,
        details: {
          document: version.key,
          version: version.version,
          title: version.title,
          reviewDueOn: version.review_due_on,
        },
      },
      (tx, occurrenceIds) =>
        documentReviewRepository.insertOccurrenceLinks(
          tx.trx,
          occurrenceIds.map((occurrenceId) => ({
            occurrenceId,
            documentId: version.document_id,
            versionId: version.version_id,
            reviewDueOn: version.review_due_on,
            at: tx.now,
          })),
        ),
    );
  }
  return opened;
}

/** Once an hour across all instances (a claimed job slot): opens the reviews that came due. */
export function documentReviewJob(ctx: Ctx, options: { instanceId?: string } = {}): PeriodicJob {
  const instanceId = options.instanceId ?? randomUUID();
  return {
    name: DOCUMENT_REVIEW_JOB,
    run: async () => {
      const now = ctx.clock.now();
      const slot = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
      if (!(await claimJobSlot(ctx.db, DOCUMENT_REVIEW_JOB, slot, instanceId, now))) return null;
      const reviewsOpened = await openDocumentReviews(ctx);
      await completeJobSlot(ctx.db, DOCUMENT_REVIEW_JOB, slot, ctx.clock.now());
      return { reviewsOpened };
    },
  };
}
