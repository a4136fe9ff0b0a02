import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { lockOccurrence, recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
import { workOrderRepository } from './work-order.repository.js';
import type { WorkOrderView } from './work-order.schema.js';
import { getWorkOrderView } from './work-order-views.js';

/**
 * Starts the work on an occurrence: creates its preventive work order with the control's
 * checklist and records the occurrence's `started` event. One work order per occurrence; starting
 * again returns the existing one.
 */
export async function startWorkOrder(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  occurrenceId: string,
): Promise<{ created: boolean; workOrder: WorkOrderView }> {
  const existing = await workOrderRepository.findByOccurrence(ctx.db, occurrenceId);
  if (existing) return { created: false, workOrder: await getWorkOrderView(ctx, existing.id) };
  const occurrence = await getOccurrence(ctx, occurrenceId);
  const control = (await listActiveControlDefinitions(ctx)).find(
    (candidate) => candidate.content.key === occurrence.controlKey,
  );
  const outcome = await mutate(
    ctx,
    actor,
    async (tx) => {
      // Lock the occurrence first: a concurrent start then finds the work order made meanwhile.
      await lockOccurrence(tx, occurrenceId);
      const made = await workOrderRepository.findByOccurrence(tx.trx, occurrenceId);
      if (made) return { created: false, id: made.id };
      const row = await recordOccurrenceEvent(tx, occurrenceId, 'started');
      const workOrder = await workOrderRepository.insert(tx.trx, {
        kind: 'preventive',
        occurrenceId,
        controlId: row.control_id,
        assetId: row.asset_id,
        title: occurrence.assetKey
          ? `${occurrence.controlTitle} — ${occurrence.assetKey}`
          : occurrence.controlTitle,
        description: control?.content.objective ?? '',
        status: 'in_progress',
        ownerRole: row.owner_role,
        createdBy: actor.label,
        now: tx.now,
      });
      if (!workOrder) throw new Error('The occurrence already has a work order');
      const checklist = control?.content.checklist ?? [];
      await workOrderRepository.insertChecklist(tx.trx, workOrder.id, checklist);
      for (const kind of ['created', 'started'] as const) {
        await workOrderRepository.appendHistory(tx.trx, {
          workOrderId: workOrder.id,
          kind,
          at: tx.now,
          actorId: actor.id,
          actorLabel: actor.label,
        });
      }
      await tx.audit({
        action: 'work_order.created',
        entityType: 'work_order',
        entityId: workOrder.id,
        after: {
          kind: 'preventive',
          occurrenceId,
          controlKey: occurrence.controlKey,
          periodKey: occurrence.periodKey,
          assetKey: occurrence.assetKey,
          checklist,
        },
      });
      return { created: true, id: workOrder.id };
    },
    // A concurrent start that lost the race changes nothing and returns the winner's order.
    { mayFindNothingToDo: true },
  );
  return { created: outcome.created, workOrder: await getWorkOrderView(ctx, outcome.id) };
}
