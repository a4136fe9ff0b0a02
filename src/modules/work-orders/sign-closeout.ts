import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalize } from 'json-canonicalize';
import type { AppContext } from '../../app/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { reauthenticateSigner, type SignerCredentials } from '../identity/reauthenticate-signer.js';
import { controlOfWorkOrder } from './complete-work-order.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
import { lockWorkOrderFor } from './work-order-commands.js';
import { workOrderRepository } from './work-order.repository.js';
import type { SignatureMeaning, WorkOrderView } from './work-order.schema.js';
import { getWorkOrderView } from './work-order-views.js';

type WorkOrderRow = NonNullable<Awaited<ReturnType<typeof workOrderRepository.findForUpdate>>>;

/**
 * The record a signature covers: the work order as closed out, its checklist and the hashes of
 * its evidence files. Its SHA-256 over canonical JSON (RFC 8785) is stored with the signature, so
 * any later change to what was signed is detectable.
 */
async function signedRecordHash(trx: Transaction<Database>, row: WorkOrderRow): Promise<string> {
  const checklist = await workOrderRepository.checklist(trx, row.id);
  const evidence = await workOrderRepository.evidence(trx, row.id);
  const record = {
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
  return createHash('sha256').update(canonicalize(record)).digest('hex');
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
 * a hash of the signed record; a refused attempt is audited.
 */
export async function signCloseout(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  workOrderId: string,
  input: SignCloseoutInput,
): Promise<WorkOrderView> {
  if (principal.via !== 'session') {
    throw new AppError(
      'forbidden',
      'An API token cannot sign: sign in as a person to verify or reject a closeout',
    );
  }
  const verb = input.meaning === 'verified' ? 'verified' : 'rejected';
  const control = await controlOfWorkOrder(ctx, workOrderId);
  const verifierRole =
    control?.evaluation.mode === 'manual' ? control.evaluation.verifierRole : undefined;
  const actor = principal.actor;
  const outcome = await mutate(ctx, actor, async (tx) => {
    const workOrder = await lockWorkOrderFor(
      tx,
      workOrderId,
      input.meaning === 'verified' ? 'verify' : 'reject',
    );
    if (workOrder.performer_id === principal.userId) {
      throw new AppError('conflict', `a closeout cannot be ${verb} by its own performer`);
    }
    if (verifierRole && actor.role !== verifierRole) {
      throw new AppError(
        'forbidden',
        `This control's closeout must be ${verb} by someone with the ${verifierRole} role`,
      );
    }
    const check = await reauthenticateSigner(
      tx.trx,
      { secretBox: ctx.secretBox, now: tx.now },
      principal.userId,
      input.credentials,
    );
    if (!check.ok) {
      await tx.audit({
        action: 'signature.failed',
        entityType: 'work_order',
        entityId: workOrderId,
        after: { meaning: input.meaning, reason: check.reason },
      });
      return { refused: check.reason };
    }
    const recordSha256 = await signedRecordHash(tx.trx, workOrder);
    const signature = await workOrderRepository.insertSignature(tx.trx, {
      entityId: workOrderId,
      signerId: check.signer.id,
      signerLabel: check.signer.label,
      signerRole: check.signer.role,
      meaning: input.meaning,
      method: check.method,
      reason: input.note,
      recordSha256,
      now: tx.now,
    });
    if (workOrder.occurrence_id) {
      await recordOccurrenceEvent(tx, workOrder.occurrence_id, input.meaning, {
        note: input.note,
        signatureId: signature.id,
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
      actorLabel: check.signer.label,
      note: input.note,
      signatureId: signature.id,
    });
    await tx.audit({
      action: 'signature.created',
      entityType: 'signature',
      entityId: signature.id,
      after: {
        entityType: 'work_order',
        entityId: workOrderId,
        signer: check.signer.label,
        meaning: input.meaning,
        method: check.method,
        recordSha256,
      },
    });
    await tx.audit({
      action: `work_order.${input.meaning}`,
      entityType: 'work_order',
      entityId: workOrderId,
      before: { status: workOrder.status },
      after: {
        status: input.meaning === 'verified' ? 'verified' : 'in_progress',
        signatureId: signature.id,
        note: input.note,
      },
    });
    return { refused: null };
  });
  if (outcome.refused !== null)
    throw new AppError('unauthenticated', `Signature refused: ${outcome.refused}`);
  return getWorkOrderView(ctx, workOrderId);
}
