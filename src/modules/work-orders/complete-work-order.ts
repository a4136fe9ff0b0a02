import { listAttachments } from '../attachments/list-attachments.js';
import { WORK_ORDER_RECORD_TYPE } from './attach-evidence.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
import { lockWorkOrderFor } from './work-order-commands.js';
import { workOrderRepository } from './work-order.repository.js';
import type { WorkOrderView } from './work-order.schema.js';
import { getWorkOrderView } from './work-order-views.js';
import { controlOfWorkOrder } from './control-of-work-order.js';

/**
 * Closes out the work: the caller becomes its performer. Every checklist item must be done, and a
 * file must be attached when the control expects one; the occurrence records `completed` and the
 * closeout then waits for a second person's verification.
 */
export async function completeWorkOrder(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  workOrderId: string,
  note: string,
): Promise<WorkOrderView> {
  const control = await controlOfWorkOrder(ctx, workOrderId);
  const needsFile = control?.evidenceExpected.some((expected) => expected.kind === 'file') ?? false;
  await mutate(ctx, actor, async (tx) => {
    const workOrder = await lockWorkOrderFor(tx, workOrderId, 'complete');
    const undone = (await workOrderRepository.checklist(tx.trx, workOrderId)).filter(
      (item) => !item.done,
    );
    if (undone.length > 0) {
      throw new AppError(
        'conflict',
        `The checklist is not finished: ${undone.map((item) => `${item.position}. ${item.text}`).join('; ')}`,
        {
          details: {
            undoneItems: undone.map((item) => ({
              id: item.id,
              position: item.position,
              text: item.text,
            })),
          },
        },
      );
    }
    if (
      needsFile &&
      (await listAttachments(tx.trx, WORK_ORDER_RECORD_TYPE, workOrderId)).length === 0
    ) {
      const expected = control!.evidenceExpected
        .filter((item) => item.kind === 'file')
        .map((item) => item.description);
      throw new AppError(
        'conflict',
        `Attach the evidence file this control expects before completing: ${expected.join('; ')}`,
        { details: { evidenceExpected: expected } },
      );
    }
    if (workOrder.occurrence_id)
      await recordOccurrenceEvent(tx, workOrder.occurrence_id, 'completed', { note });
    await workOrderRepository.update(
      tx.trx,
      workOrderId,
      {
        status: 'done',
        performer_id: actor.id,
        performer_label: actor.label,
        completed_at: tx.now,
        completion_note: note,
      },
      tx.now,
    );
    await workOrderRepository.appendHistory(tx.trx, {
      workOrderId,
      kind: 'completed',
      at: tx.now,
      actorId: actor.id,
      actorLabel: actor.label,
      note,
    });
    await tx.audit({
      action: 'work_order.completed',
      entityType: 'work_order',
      entityId: workOrderId,
      before: { status: workOrder.status },
      after: { status: 'done', performer: actor.label, note },
    });
  });
  return getWorkOrderView(ctx, workOrderId);
}
