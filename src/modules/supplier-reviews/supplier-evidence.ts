import { AppError, notFound } from '../../platform/errors.js';
import { ownerUntilFinal } from '../attachments/attachment-owner.js';
import { supplierReviewRepository } from './supplier-review.repository.js';
import { SUPPLIER_EVENT_RECORD, SUPPLIER_REVIEW_RECORD } from './supplier-review.schema.js';

/**
 * A supplier review as the owner of its evidence: the supplier's report or certificate (and a
 * bridge letter), added until the review is signed, which signs over their hashes.
 */
export const supplierReviewEvidence = ownerUntilFinal({
  recordType: SUPPLIER_REVIEW_RECORD,
  read: (db, id) => supplierReviewRepository.get(db, id),
  readForUpdate: (trx, id) => supplierReviewRepository.lockForUpdate(trx, id),
  refuse(row) {
    if (!row) throw notFound('Supplier review');
    if (row.status !== 'draft') {
      throw new AppError(
        'conflict',
        'The review is signed: its evidence was signed and can no longer change',
      );
    }
  },
});

/** A supplier timeline entry (a service report, an incident) as the owner of its files. */
export const supplierEventEvidence = ownerUntilFinal({
  recordType: SUPPLIER_EVENT_RECORD,
  read: (db, id) => supplierReviewRepository.getEvent(db, id),
  readForUpdate: (trx, id) => supplierReviewRepository.getEvent(trx, id),
  refuse(row) {
    if (!row) throw notFound('Supplier event');
  },
});
