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

/** Why the command cannot be applied to a work order in this status, or null when it can. */
export function commandRefusal(
  workOrder: { label: string; status: WorkOrderStatus },
  command: WorkOrderCommand,
): string | null {
  const status = workOrder.status;
  if (ALLOWED_COMMANDS[status].includes(command)) return null;
  const hint: Record<WorkOrderStatus, string> = {
    open: 'complete it first',
    in_progress: 'complete it first',
    done: 'it awaits verification',
    verified: 'it is closed',
  };
  return `Work order ${workOrder.label} is ${status.replace('_', ' ')} and cannot be ${DESCRIPTIONS[command]}: ${hint[status]}`;
}

/** Locks the work order and refuses the command unless its status allows it (409). */
export async function lockWorkOrderFor(
  tx: AuditedTransaction,
  id: string,
  command: WorkOrderCommand,
) {
  const row = await workOrderRepository.findForUpdate(tx.trx, id);
  if (!row) throw notFound('Work order');
  const status = row.status as WorkOrderStatus;
  const refusal = commandRefusal({ label: formatWorkOrderNumber(row.number), status }, command);
  if (refusal !== null) throw new AppError('conflict', refusal, { details: { status } });
  return row;
}
