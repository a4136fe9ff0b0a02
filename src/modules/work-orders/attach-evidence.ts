import type { AttachmentOwner } from '../attachments/attachment-owner.js';
import { AppError, notFound } from '../../platform/errors.js';
import { lockWorkOrderFor } from './work-order-commands.js';
import { workOrderRepository } from './work-order.repository.js';
import type { WorkOrderStatus } from './work-order.schema.js';

/** The record type of work-order evidence files (evidence_attachments.record_type). */
export const WORK_ORDER_RECORD_TYPE = 'work-order';

/**
 * Work orders as owners of evidence files: files are added while the work is open or in progress,
 * support the work order's occurrence, start the work and enter its history.
 */
export const workOrderEvidence: AttachmentOwner = {
  recordType: WORK_ORDER_RECORD_TYPE,
  async check(db, workOrderId) {
    const [current] = await workOrderRepository.list(db, { ids: [workOrderId] });
    if (!current) throw notFound('Work order');
    const status = current.status as WorkOrderStatus;
    if (status !== 'open' && status !== 'in_progress') {
      throw new AppError(
        'conflict',
        `Evidence can only be added while the work is open or in progress (it is ${current.status.replace('_', ' ')})`,
      );
    }
  },
  async lock(tx, workOrderId) {
    const workOrder = await lockWorkOrderFor(tx, workOrderId, 'work');
    if (workOrder.status === 'open')
      await workOrderRepository.update(tx.trx, workOrderId, { status: 'in_progress' }, tx.now);
    return { occurrenceId: workOrder.occurrence_id };
  },
  async afterAttach(tx, workOrderId, file) {
    await workOrderRepository.appendHistory(tx.trx, {
      workOrderId,
      kind: 'evidence_added',
      at: tx.now,
      actorId: tx.actor.id,
      actorLabel: tx.actor.label,
      note: `${file.filename} (sha256 ${file.sha256})`,
    });
  },
};
