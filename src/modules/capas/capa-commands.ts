import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { can } from '../../platform/auth/policy.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { resolveOwnerPerson } from '../nonconformances/nonconformance.service.js';
import {
  actionsComplete,
  capaTransition,
  type CapaActionStatus,
  type CapaEvent,
  type CapaStatus,
} from './capa-status.js';
import type { AddActionInput, RootCauseMethod, UpdateActionInput } from './capa.schema.js';
import { capaRepository, type CapaRow } from './capa.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Locks the CAPA and applies the event through the one transition function, or refuses it. */
export async function lockCapaFor(
  tx: AuditedTransaction,
  id: string,
  event: CapaEvent,
): Promise<{ row: CapaRow; to: CapaStatus }> {
  const row = await capaRepository.lockForUpdate(tx.trx, id);
  if (!row) throw notFound('CAPA');
  const outcome = capaTransition(row.status as CapaStatus, event);
  if (!outcome.ok) throw new AppError('conflict', outcome.reason);
  return { row, to: outcome.to };
}

/** Records (or revises) the root cause analysis: its method and text. */
export async function recordRootCause(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { method: RootCauseMethod; text: string },
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const { row, to } = await lockCapaFor(tx, id, 'root-cause-recorded');
    await capaRepository.update(
      tx.trx,
      id,
      { status: to, root_cause_method: input.method, root_cause: input.text },
      tx.now,
    );
    await tx.audit({
      action: 'capa.root_cause_recorded',
      entityType: 'capa',
      entityId: id,
      before: { status: row.status, method: row.root_cause_method, text: row.root_cause },
      after: { status: to, ...input },
    });
  });
}

/** Adds an action with its owner (an active person) and due date. */
export async function addCapaAction(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: AddActionInput,
): Promise<string> {
  const owner = await resolveOwnerPerson(ctx, input.ownerUserId, 'body.ownerUserId');
  return mutate(ctx, actor, async (tx) => {
    const { row, to } = await lockCapaFor(tx, id, 'action-added');
    const action = await capaRepository.insertAction(tx.trx, {
      capaId: id,
      title: input.title,
      ownerUserId: owner.owner_user_id!,
      ownerLabel: owner.owner_user_label!,
      dueOn: input.dueOn,
      now: tx.now,
    });
    if (to !== row.status) await capaRepository.update(tx.trx, id, { status: to }, tx.now);
    await tx.audit({
      action: 'capa.action_added',
      entityType: 'capa',
      entityId: id,
      after: {
        actionId: action.id,
        title: input.title,
        owner: owner.owner_user_label,
        dueOn: input.dueOn,
        status: to,
      },
    });
    return action.id;
  });
}

/**
 * Moves an action (open, in progress, done with a note, cancelled), by its owner or a manager of
 * nonconformances; cancelling is for managers only. When the last action to do is done, the CAPA
 * awaits its effectiveness check; reopening one takes it back.
 */
export async function updateCapaAction(
  ctx: Ctx,
  actor: Actor,
  capaId: string,
  actionId: string,
  input: UpdateActionInput,
): Promise<void> {
  const manager = can(actor.role, 'nonconformance:manage');
  if (input.status === 'done' && !input.note) {
    throw new AppError('validation_failed', 'Say what was done', {
      issues: [{ path: 'body.note', message: 'is required when the action is done' }],
    });
  }
  await mutate(ctx, actor, async (tx) => {
    const capa = await capaRepository.lockForUpdate(tx.trx, capaId);
    if (!capa) throw notFound('CAPA');
    const action = await capaRepository.getAction(tx.trx, actionId);
    if (!action || action.capa_id !== capaId) throw notFound('CAPA action');
    if (!manager && action.owner_user_id !== actor.id) {
      throw new AppError('forbidden', 'Only the action owner or Quality may update this action');
    }
    if (input.status === 'cancelled' && !manager) {
      throw new AppError('forbidden', 'Only Quality may cancel an action');
    }
    const wasOpen = action.status === 'open' || action.status === 'in_progress';
    const reopens = !wasOpen && (input.status === 'open' || input.status === 'in_progress');
    const statuses = (await capaRepository.actionsOf(tx.trx, capaId)).map((a) =>
      a.id === actionId ? input.status : (a.status as CapaActionStatus),
    );
    const event: CapaEvent = reopens
      ? 'action-reopened'
      : actionsComplete(statuses)
        ? 'actions-done'
        : 'action-added';
    const outcome = capaTransition(capa.status as CapaStatus, event);
    if (!outcome.ok) throw new AppError('conflict', outcome.reason);
    await capaRepository.updateAction(
      tx.trx,
      actionId,
      {
        status: input.status,
        completion_note: input.status === 'done' ? input.note! : action.completion_note,
        completed_at: input.status === 'done' ? tx.now : null,
      },
      tx.now,
    );
    if (outcome.to !== capa.status)
      await capaRepository.update(tx.trx, capaId, { status: outcome.to }, tx.now);
    await tx.audit({
      action: 'capa.action_updated',
      entityType: 'capa',
      entityId: capaId,
      before: { actionId, status: action.status, capaStatus: capa.status },
      after: { actionId, status: input.status, note: input.note ?? null, capaStatus: outcome.to },
    });
  });
}

/** Closes a CAPA whose effectiveness check has passed; refused before that. */
export async function closeCapa(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const { row, to } = await lockCapaFor(tx, id, 'close');
    await capaRepository.update(
      tx.trx,
      id,
      { status: to, closed_at: tx.now, closed_by: actor.label },
      tx.now,
    );
    await tx.audit({
      action: 'capa.closed',
      entityType: 'capa',
      entityId: id,
      before: { status: row.status },
      after: { status: to },
    });
  });
}
