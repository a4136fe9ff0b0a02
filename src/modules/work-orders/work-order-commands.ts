import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { workOrderRepository } from './work-order.repository.js';
import { formatWorkOrderNumber, type WorkOrderStatus } from './work-order.schema.js';

/** What may be done to a work order in each status: its legal transitions. */
export type WorkOrderCommand = 'work' | 'complete' | 'verify' | 'reject';

const ALLOWED_COMMANDS: Record<WorkOrderStatus, readonly WorkOrderCommand[]> = {
  open: ['work', 'complete'],
  in_progress: ['work', 'complete'],
  done: ['verify', 'reject'],
  verified: [],
};

const DESCRIPTIONS: Record<WorkOrderCommand, string> = {
  work: 'changed (checklist, evidence)',
  complete: 'completed',
  verify: 'verified',
  reject: 'rejected',
};

/** Locks the work order and refuses the command unless its status allows it (409). */
export async function lockWorkOrderFor(
  tx: AuditedTransaction,
  id: string,
  command: WorkOrderCommand,
) {
  const row = await workOrderRepository.findForUpdate(tx.trx, id);
  if (!row) throw notFound('Work order');
  const status = row.status as WorkOrderStatus;
  if (!ALLOWED_COMMANDS[status].includes(command)) {
    const hint: Record<WorkOrderStatus, string> = {
      open: 'complete it first',
      in_progress: 'complete it first',
      done: 'it awaits verification',
      verified: 'it is closed',
    };
    throw new AppError(
      'conflict',
      `Work order ${formatWorkOrderNumber(row.number)} is ${status.replace('_', ' ')} and cannot be ${DESCRIPTIONS[command]}: ${hint[status]}`,
      { details: { status } },
    );
  }
  return row;
}
