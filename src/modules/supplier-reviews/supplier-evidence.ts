import { AppError, notFound } from '../../platform/errors.js';
import type { AttachmentOwner } from '../attachments/attachment-owner.js';
import { supplierReviewRepository } from './supplier-review.repository.js';
import { SUPPLIER_EVENT_RECORD, SUPPLIER_REVIEW_RECORD } from './supplier-review.schema.js';

function refuseSigned(row: { status: string } | undefined): void {
  if (!row) throw notFound('Supplier review');
  if (row.status !== 'draft') {
    throw new AppError(
      'conflict',
      'The review is signed: its evidence was signed and can no longer change',
    );
  }
}

/**
 * A supplier review as the owner of its evidence: the supplier's report or certificate (and a
 * bridge letter), added until the review is signed, which signs over their hashes.
 */
export const supplierReviewEvidence: AttachmentOwner = {
  recordType: SUPPLIER_REVIEW_RECORD,
  async check(db, recordId) {
    refuseSigned(await supplierReviewRepository.get(db, recordId));
  },
  async lock(tx, recordId) {
    refuseSigned(await supplierReviewRepository.lockForUpdate(tx.trx, recordId));
    return { occurrenceId: null };
  },
};

/** A supplier timeline entry (a service report, an incident) as the owner of its files. */
export const supplierEventEvidence: AttachmentOwner = {
  recordType: SUPPLIER_EVENT_RECORD,
  async check(db, recordId) {
    if (!(await supplierReviewRepository.getEvent(db, recordId))) throw notFound('Supplier event');
  },
  async lock(tx, recordId) {
    if (!(await supplierReviewRepository.getEvent(tx.trx, recordId)))
      throw notFound('Supplier event');
    return { occurrenceId: null };
  },
};
