import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { documentReviewRepository } from './document-review.repository.js';

/**
 * Meets a document's open periodic review occurrences (control document-periodic-review): a new
 * version took effect, or the effective one was signed as reviewed with no change. Each occurrence
 * is completed and verified by that record, in the caller's transaction, and the link says what
 * met it. Returns how many occurrences were met.
 */
export async function meetDocumentReviews(
  tx: AuditedTransaction,
  input: {
    documentId: string;
    documentKey: string;
    by: 'new-version' | 'reviewed';
    note: string;
    signatureId?: string;
  },
): Promise<number> {
  const open = await documentReviewRepository.openOccurrences(tx.trx, input.documentId);
  if (open.length === 0) return 0;
  let met = 0;
  for (const link of open) {
    const occurrence = await getOccurrence(
      { db: tx.trx, clock: { now: () => tx.now } },
      link.occurrence_id,
    );
    const satisfied = await satisfyOccurrence(
      tx,
      {
        id: occurrence.id,
        controlKey: occurrence.controlKey,
        periodKey: occurrence.periodKey,
        status: occurrence.status,
      },
      {
        note: input.note,
        ...(input.signatureId === undefined ? {} : { signatureId: input.signatureId }),
      },
    );
    if (satisfied.recorded) met += 1;
  }
  const occurrenceIds = open.map((link) => link.occurrence_id);
  await documentReviewRepository.markMet(tx.trx, occurrenceIds, { at: tx.now, by: input.by });
  await tx.audit({
    action: 'document.review_met',
    entityType: 'document',
    entityId: input.documentId,
    after: { document: input.documentKey, by: input.by, occurrenceIds, note: input.note },
  });
  return met;
}
