import { ownerUntilFinal, type AttachmentOwner } from '../attachments/attachment-owner.js';
import { AppError, notFound } from '../../platform/errors.js';
import { drExerciseRepository } from './dr-exercise.repository.js';
import { restoreTestRepository } from './restore-test.repository.js';

export type RecoveryRecordType = 'restore-test' | 'dr-exercise';

const NOUN: Record<RecoveryRecordType, string> = {
  'restore-test': 'Restore test',
  'dr-exercise': 'DR exercise',
};

/**
 * Restore tests and DR exercises as owners of evidence files (restore logs, screenshots, the
 * exercise report): files are added until the record is verified, which signs over them; they
 * support no occurrence of their own (the verification satisfies it).
 */
function recoveryEvidence(recordType: RecoveryRecordType): AttachmentOwner {
  const repository = recordType === 'restore-test' ? restoreTestRepository : drExerciseRepository;
  return ownerUntilFinal<{ status: string }>({
    recordType,
    read: async (db, id) => (await repository.list(db, { ids: [id] }))[0],
    readForUpdate: (trx, id) => repository.findForUpdate(trx, id),
    refuse(row) {
      if (!row) throw notFound(NOUN[recordType]);
      if (row.status === 'verified') {
        throw new AppError(
          'conflict',
          `${NOUN[recordType]} is verified: its evidence was signed and can no longer change`,
        );
      }
    },
  });
}

export const restoreTestEvidence = recoveryEvidence('restore-test');
export const drExerciseEvidence = recoveryEvidence('dr-exercise');
