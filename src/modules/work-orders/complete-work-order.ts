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
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { automaticSourceFacts } from './automatic-source-facts.js';
import { contradictedCloseout } from './closeout-contradiction.js';
import {
  CLOSEOUT_OVERRIDE_MEANING,
  formatWorkOrderNumber,
  type WorkOrderStatus,
} from './work-order.schema.js';

/** A signed override of an automatic source's facts: who signs, why, and how they re-authenticate. */
export interface CloseoutOverride {
  principal: Principal;
  justification: string;
  credentials: SignerCredentials;
}

/**
 * Closes out the work: the caller becomes its performer. Every checklist item must be done, and a
 * file must be attached when the control expects one; the occurrence records `completed` and the
 * closeout then waits for a second person's verification.
 *
 * When the control has an automatic source whose facts for the occurrence contradict the closeout
 * (a failed run and no successful one in the window), it is refused (`closeout_contradicted`)
 * unless the performer signs an override with a justification (modules/signatures): the signed
 * record holds the facts overridden, the history shows `overridden`, and the audit trail
 * `work_order.closeout_overridden`. The facts are read inside the transaction that completes.
 */
export async function completeWorkOrder(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  actor: Actor,
  workOrderId: string,
  note: string,
  override?: CloseoutOverride,
): Promise<WorkOrderView> {
  const control = await controlOfWorkOrder(ctx, workOrderId);
  const needsFile = control?.evidenceExpected.some((expected) => expected.kind === 'file') ?? false;
  const signer = override && requireSigningPerson(override.principal, 'override the source facts');
  const outcome = await mutate(ctx, actor, async (tx) => {
    const workOrder = await lockWorkOrderFor(tx, workOrderId, 'complete');
    const state = {
      label: formatWorkOrderNumber(workOrder.number),
      status: workOrder.status as WorkOrderStatus,
    };
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
    const facts = await automaticSourceFacts(
      { db: tx.trx, clock: ctx.clock },
      workOrderId,
      workOrder.occurrence_id,
    );
    if (facts?.contradiction && !(override && signer)) {
      throw contradictedCloseout(state, facts, 'completed');
    }
    if (override && signer && !facts?.contradiction) {
      throw new AppError(
        'conflict',
        'Nothing recorded contradicts this closeout: complete it without an override',
      );
    }
    if (facts && override && signer) {
      const signature = await signRecord(ctx, tx, signer, {
        entityType: 'work_order',
        entityId: workOrderId,
        meaning: CLOSEOUT_OVERRIDE_MEANING,
        note: override.justification,
        credentials: override.credentials,
        record: {
          workOrderId,
          number: state.label,
          occurrenceId: workOrder.occurrence_id,
          completionNote: note,
          justification: override.justification,
          sourceFacts: facts,
        },
      });
      if (!signature.ok) return { refused: signature.reason };
      await workOrderRepository.appendHistory(tx.trx, {
        workOrderId,
        kind: 'overridden',
        at: tx.now,
        actorId: actor.id,
        actorLabel: signature.signerLabel,
        note: override.justification,
        signatureId: signature.signatureId,
      });
      await tx.audit({
        action: 'work_order.closeout_overridden',
        entityType: 'work_order',
        entityId: workOrderId,
        after: {
          signatureId: signature.signatureId,
          justification: override.justification,
          contradiction: facts.contradiction,
          failedRuns: facts.runs.filter((run) => run.status !== 'succeeded').map((run) => run.id),
          openIncidents: facts.openIncidents.map((incident) => incident.id),
        },
      });
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
    return { refused: null };
  });
  throwIfRefused(outcome);
  return getWorkOrderView(ctx, workOrderId);
}
