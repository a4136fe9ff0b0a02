import type { AttachmentOwner } from '../attachments/attachment-owner.js';
import { AppError, notFound } from '../../platform/errors.js';
import { drExerciseRepository } from './dr-exercise.repository.js';
import { restoreTestRepository } from './restore-test.repository.js';

export type RecoveryRecordType = 'restore-test' | 'dr-exercise';

const NOUN: Record<RecoveryRecordType, string> = {
  'restore-test': 'Restore test',
  'dr-exercise': 'DR exercise',
};

/** Evidence is added only before the record's verification, which signs over it. */
function refuseVerified(recordType: RecoveryRecordType, row: { status: string } | undefined): void {
  if (!row) throw notFound(NOUN[recordType]);
  if (row.status === 'verified') {
    throw new AppError(
      'conflict',
      `${NOUN[recordType]} is verified: its evidence was signed and can no longer change`,
    );
  }
}

/**
 * Restore tests and DR exercises as owners of evidence files (restore logs, screenshots, the
 * exercise report): files are added until the record is verified; they support no occurrence of
 * their own (the verification satisfies it).
 */
function recoveryEvidence(recordType: RecoveryRecordType): AttachmentOwner {
  const repository = recordType === 'restore-test' ? restoreTestRepository : drExerciseRepository;
  return {
    recordType,
    async check(db, recordId) {
      const [row] = await repository.list(db, { ids: [recordId] });
      refuseVerified(recordType, row);
    },
    async lock(tx, recordId) {
      refuseVerified(recordType, await repository.findForUpdate(tx.trx, recordId));
      return { occurrenceId: null };
    },
  };
}

export const restoreTestEvidence = recoveryEvidence('restore-test');
export const drExerciseEvidence = recoveryEvidence('dr-exercise');
