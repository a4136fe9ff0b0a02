import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { notFound } from '../../platform/errors.js';
import { lockWorkOrderFor } from './work-order-commands.js';
import { workOrderRepository } from './work-order.repository.js';
import type { WorkOrderDetail } from './work-order.schema.js';

type ChecklistItemView = WorkOrderDetail['checklist'][number];

/** Ticks or unticks one checklist item of a work order that is still being worked on. */
export async function tickChecklistItem(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  workOrderId: string,
  itemId: string,
  done: boolean,
): Promise<ChecklistItemView> {
  return mutate(ctx, actor, async (tx) => {
    const workOrder = await lockWorkOrderFor(tx, workOrderId, 'work');
    const item = await workOrderRepository.setChecklistItem(tx.trx, workOrderId, itemId, {
      done,
      doneBy: done ? actor.label : null,
      doneAt: done ? tx.now : null,
    });
    if (!item) throw notFound('Checklist item');
    if (workOrder.status === 'open')
      await workOrderRepository.update(tx.trx, workOrderId, { status: 'in_progress' }, tx.now);
    await tx.audit({
      action: done ? 'work_order.checklist_item_done' : 'work_order.checklist_item_undone',
      entityType: 'work_order',
      entityId: workOrderId,
      after: { itemId, position: item.position, text: item.text, done },
    });
    return {
      id: item.id,
      position: item.position,
      text: item.text,
      done: item.done,
      doneBy: item.done_by,
      doneAt: item.done_at ? item.done_at.toISOString() : null,
    };
  });
}
