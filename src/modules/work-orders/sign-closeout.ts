import { listAttachments } from '../attachments/list-attachments.js';
import { WORK_ORDER_RECORD_TYPE } from './attach-evidence.js';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { closeoutSigningRule, verifierRoleOf } from './closeout-signing-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
import { lockWorkOrderFor } from './work-order-commands.js';
import { workOrderRepository } from './work-order.repository.js';
import {
  formatWorkOrderNumber,
  type SignatureMeaning,
  type WorkOrderStatus,
  type WorkOrderView,
} from './work-order.schema.js';
import { getWorkOrderView } from './work-order-views.js';
import { automaticSourceFacts } from './automatic-source-facts.js';
import { completedWithOverride, contradictedCloseout } from './closeout-contradiction.js';

type WorkOrderRow = NonNullable<Awaited<ReturnType<typeof workOrderRepository.findForUpdate>>>;

/**
 * The record a signature covers: the work order as closed out, its checklist and the hashes of
 * its evidence files. Its SHA-256 over canonical JSON (RFC 8785) is stored with the signature, so
 * any later change to what was signed is detectable.
 */
async function signedRecord(trx: Transaction<Database>, row: WorkOrderRow): Promise<unknown> {
  const checklist = await workOrderRepository.checklist(trx, row.id);
  const evidence = await listAttachments(trx, WORK_ORDER_RECORD_TYPE, row.id);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    occurrenceId: row.occurrence_id,
    controlId: row.control_id,
    assetId: row.asset_id,
    title: row.title,
    description: row.description,
    status: row.status,
    performerId: row.performer_id,
    performerLabel: row.performer_label,
    completedAt: row.completed_at?.toISOString() ?? null,
    completionNote: row.completion_note,
    checklist: checklist.map((item) => ({
      position: item.position,
      text: item.text,
      done: item.done,
      doneBy: item.done_by,
      doneAt: item.done_at?.toISOString() ?? null,
    })),
    evidence: evidence.map((file) => ({ id: file.id, sha256: file.sha256 })),
  };
}

export interface SignCloseoutInput {
  meaning: SignatureMeaning;
  credentials: SignerCredentials;
  /** The verifier's note, or the reason for a rejection (shown in the history). */
  note: string;
}

/**
 * Verifies or rejects a completed closeout with an electronic signature: a signed-in person, not
 * the performer, holding the control's verifier role when it names one, re-authenticates with
 * their password or a fresh TOTP code. The signature records who, what it means, when, how and
 * a hash of the signed record; a refused attempt is audited. A verification that the control's
 * automatic source contradicts (a failed run, no success in the window) is refused
 * (`closeout_contradicted`) unless the closeout was completed with a signed override.
 */
export async function signCloseout(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  workOrderId: string,
  input: SignCloseoutInput,
): Promise<WorkOrderView> {
  const signer = requireSigningPerson(principal, 'verify or reject a closeout');
  const verifierRole = await verifierRoleOf(ctx, workOrderId);
  const actor = principal.actor;
  const outcome = await mutate(ctx, actor, async (tx) => {
    const workOrder = await lockWorkOrderFor(
      tx,
      workOrderId,
      input.meaning === 'verified' ? 'verify' : 'reject',
    );
    const decision = decideSecondPersonSigning(
      signer,
      closeoutSigningRule(
        {
          label: formatWorkOrderNumber(workOrder.number),
          status: workOrder.status as WorkOrderStatus,
          performerId: workOrder.performer_id,
        },
        verifierRole,
        input.meaning,
      ),
    );
    if (!decision.allowed) throw new AppError(decision.code, decision.reason);
    if (input.meaning === 'verified') {
      const facts = await automaticSourceFacts(
        { db: tx.trx, clock: ctx.clock },
        workOrderId,
        workOrder.occurrence_id,
      );
      if (
        facts?.contradiction &&
        !completedWithOverride(await workOrderRepository.history(tx.trx, workOrderId))
      ) {
        throw contradictedCloseout(
          {
            label: formatWorkOrderNumber(workOrder.number),
            status: workOrder.status as WorkOrderStatus,
          },
          facts,
          'verified',
        );
      }
    }
    const signature = await signRecord(ctx, tx, signer, {
      entityType: 'work_order',
      entityId: workOrderId,
      meaning: input.meaning,
      note: input.note,
      credentials: input.credentials,
      record: await signedRecord(tx.trx, workOrder),
    });
    if (!signature.ok) return { refused: signature.reason };
    if (workOrder.occurrence_id) {
      await recordOccurrenceEvent(tx, workOrder.occurrence_id, input.meaning, {
        note: input.note,
        signatureId: signature.signatureId,
      });
    }
    await workOrderRepository.update(
      tx.trx,
      workOrderId,
      input.meaning === 'verified'
        ? { status: 'verified' }
        : { status: 'in_progress', completed_at: null },
      tx.now,
    );
    await workOrderRepository.appendHistory(tx.trx, {
      workOrderId,
      kind: input.meaning,
      at: tx.now,
      actorId: actor.id,
      actorLabel: signature.signerLabel,
      note: input.note,
      signatureId: signature.signatureId,
    });
    await tx.audit({
      action: `work_order.${input.meaning}`,
      entityType: 'work_order',
      entityId: workOrderId,
      before: { status: workOrder.status },
      after: {
        status: input.meaning === 'verified' ? 'verified' : 'in_progress',
        signatureId: signature.signatureId,
        note: input.note,
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
  return getWorkOrderView(ctx, workOrderId);
}
