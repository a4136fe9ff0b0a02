import type { AttachmentOwner } from '../attachments/attachment-owner.js';
import { AppError, notFound } from '../../platform/errors.js';
import { capaRepository } from './capa.repository.js';

/** The record type of CAPA action evidence files (evidence_attachments.record_type). */
export const CAPA_EVIDENCE_RECORD_TYPE = 'capa-action';

function refuseUnlessOpen(
  row: Awaited<ReturnType<typeof capaRepository.actionWithCapa>>,
): asserts row is NonNullable<typeof row> {
  if (!row) throw notFound('CAPA action');
  if (row.capa_status === 'closed' || row.capa_status === 'effective') {
    throw new AppError('conflict', 'The CAPA was found effective: its evidence is final');
  }
  if (row.status === 'cancelled') {
    throw new AppError('conflict', 'The action was cancelled: it takes no evidence');
  }
}

/**
 * CAPA actions as owners of evidence files: what shows the action was done (a changed
 * procedure, a training record, a configuration diff). Files are added until the CAPA is found
 * effective, support the CAPA's SLA occurrence, and start an action that was still open.
 */
export const capaActionEvidence: AttachmentOwner = {
  recordType: CAPA_EVIDENCE_RECORD_TYPE,
  async check(db, actionId) {
    refuseUnlessOpen(await capaRepository.actionWithCapa(db, actionId, false));
  },
  async lock(tx, actionId) {
    const row = await capaRepository.actionWithCapa(tx.trx, actionId, true);
    refuseUnlessOpen(row);
    if (row.status === 'open')
      await capaRepository.updateAction(tx.trx, actionId, { status: 'in_progress' }, tx.now);
    return { occurrenceId: row.sla_occurrence_id };
  },
};
