import { ownerUntilFinal } from '../attachments/attachment-owner.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ChangeStatus } from './change-status.js';
import { changeRepository } from './changes.repository.js';

/** The record type of change evidence files (evidence_attachments.record_type). */
export const CHANGE_RECORD_TYPE = 'change';

const SETTLED: readonly ChangeStatus[] = ['verified', 'rejected', 'cancelled'];

/**
 * Changes as owners of evidence files (test results, screenshots, the pipeline's report): added
 * until the change is verified, rejected or cancelled; they support no occurrence of their own (the
 * signatures on the change satisfy those).
 */
export const changeEvidence = ownerUntilFinal({
  recordType: CHANGE_RECORD_TYPE,
  read: (db, id) => changeRepository.get(db, id),
  readForUpdate: (trx, id) => changeRepository.lockForUpdate(trx, id),
  refuse(row) {
    if (!row) throw notFound('Change');
    if (SETTLED.includes(row.status as ChangeStatus)) {
      throw new AppError(
        'conflict',
        `The change is ${row.status}: its evidence can no longer change`,
      );
    }
  },
});
