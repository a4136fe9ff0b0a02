import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { trainingRepository } from './training.repository.js';

const DAY_MS = 86_400_000;

/**
 * Assigns a version's training when it becomes effective, inside that transaction: every active
 * person of the required departments, due `dueDays` after now, in one statement whatever the
 * number of people, and one audit entry saying how many.
 */
export async function assignTraining(
  tx: AuditedTransaction,
  input: {
    documentKey: string;
    documentId: string;
    versionId: string;
    version: number;
    departments: readonly string[];
    dueDays: number;
  },
): Promise<number> {
  const dueAt = new Date(tx.now.getTime() + input.dueDays * DAY_MS);
  const assigned = await trainingRepository.assignToDepartments(tx.trx, {
    documentId: input.documentId,
    versionId: input.versionId,
    departments: input.departments,
    assignedAt: tx.now,
    dueAt,
  });
  await tx.audit({
    action: 'training.assigned',
    entityType: 'document_version',
    entityId: input.versionId,
    after: {
      document: input.documentKey,
      version: input.version,
      departments: input.departments,
      assigned,
      dueAt: dueAt.toISOString(),
    },
  });
  return assigned;
}
