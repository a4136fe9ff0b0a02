import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import { getAsset } from '../register/asset-queries.js';
import { OWNER_ROLES } from '../register/asset.schema.js';
import { workOrderRepository } from './work-order.repository.js';
import type { CreateWorkOrderInput, WorkOrderView } from './work-order.schema.js';
import { getWorkOrderView } from './work-order-views.js';

/**
 * Opens a corrective work order: repair or follow-up work outside any schedule, optionally about
 * an asset and a control. Owned by the control's owner role, else by the creator's role.
 */
export async function createCorrectiveWorkOrder(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: CreateWorkOrderInput,
): Promise<WorkOrderView> {
  const asset = input.assetKey ? await getAsset(ctx, input.assetKey) : null;
  const control = input.controlKey
    ? (await listActiveControlDefinitions(ctx)).find((c) => c.content.key === input.controlKey)
    : undefined;
  if (input.controlKey && !control) {
    throw new AppError('validation_failed', `No control in force has the key ${input.controlKey}`, {
      issues: [{ path: 'body.controlKey', message: 'is not a control in force' }],
    });
  }
  const ownerRole =
    control?.content.ownerRole ??
    ((OWNER_ROLES as readonly string[]).includes(actor.role) ? actor.role : 'quality');
  const id = await mutate(ctx, actor, async (tx) => {
    const row = await workOrderRepository.insert(tx.trx, {
      kind: 'corrective',
      occurrenceId: null,
      controlId: control?.id ?? null,
      assetId: asset?.id ?? null,
      title: input.title,
      description: input.description,
      status: 'open',
      ownerRole,
      createdBy: actor.label,
      now: tx.now,
    });
    if (!row) throw new Error('A corrective work order was not inserted');
    await workOrderRepository.appendHistory(tx.trx, {
      workOrderId: row.id,
      kind: 'created',
      at: tx.now,
      actorId: actor.id,
      actorLabel: actor.label,
    });
    await tx.audit({
      action: 'work_order.created',
      entityType: 'work_order',
      entityId: row.id,
      after: { kind: 'corrective', ...input, ownerRole },
    });
    return row.id;
  });
  return getWorkOrderView(ctx, id);
}
