import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { findColleague, type Colleague } from '../identity/colleagues.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { lockOccurrence } from '../occurrences/record-occurrence-event.js';
import type { OccurrenceStatus } from '../occurrences/occurrence-status.js';
import { queueAssignmentEmail, type WorkItemForEmail } from '../notifications/work-emails.js';
import { workAssignmentRepository } from './work-assignment.repository.js';
import {
  planAssignments,
  type AssignmentDecision,
  type AssignmentKey,
  type AssignmentRefusal,
  type AssignmentResult,
  type BulkAssignResponse,
  type WorkRef,
  type WorkToAssign,
} from './work-assignment.js';
import { workOrderRepository } from './work-order.repository.js';
import { formatWorkOrderNumber, type WorkOrderStatus } from './work-order.schema.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Occurrence statuses whose work is still to be done, so it can be handed to someone. */
const OPEN_OCCURRENCE: ReadonlySet<OccurrenceStatus> = new Set([
  'upcoming',
  'due',
  'overdue',
  'in_progress',
]);
const OPEN_WORK_ORDER: ReadonlySet<WorkOrderStatus> = new Set(['open', 'in_progress']);
const words = (status: string) => `it is ${status.replace('_', ' ')}`;

/** A requested row read under lock, with what its e-mail, history and audit entry need. */
interface LockedWork extends WorkToAssign {
  /** The work order whose history records the change (a preventive one stands for its occurrence). */
  workOrderId: string | null;
  item: WorkItemForEmail | null;
}

async function lockOccurrenceRow(
  tx: AuditedTransaction,
  ctx: Ctx,
  ref: WorkRef,
): Promise<LockedWork> {
  try {
    await lockOccurrence(tx, ref.id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      return { ref, found: null, workOrderId: null, item: null };
    throw error;
  }
  const occurrence = await getOccurrence({ db: tx.trx, clock: ctx.clock }, ref.id, tx.now);
  const key: AssignmentKey = { occurrenceId: occurrence.id };
  const label = occurrence.assetKey
    ? `${occurrence.controlTitle} — ${occurrence.assetKey}`
    : occurrence.controlTitle;
  const workOrder = await workOrderRepository.findByOccurrence(tx.trx, occurrence.id);
  return {
    ref,
    found: {
      key,
      label,
      closed: OPEN_OCCURRENCE.has(occurrence.status) ? null : words(occurrence.status),
      currentAssigneeId: (await workAssignmentRepository.find(tx.trx, key))?.assignee_id ?? null,
    },
    workOrderId: workOrder?.id ?? null,
    item: {
      label,
      path: `/work/occurrences/${occurrence.id}`,
      dueAt: new Date(occurrence.dueAt),
      related: { entityType: 'occurrence', entityId: occurrence.id },
    },
  };
}

async function lockWorkOrderRow(tx: AuditedTransaction, ref: WorkRef): Promise<LockedWork> {
  const row = await workOrderRepository.findForUpdate(tx.trx, ref.id);
  if (!row) return { ref, found: null, workOrderId: null, item: null };
  // A preventive work order's assignment is its occurrence's: one holder for one piece of work.
  const key: AssignmentKey = row.occurrence_id
    ? { occurrenceId: row.occurrence_id }
    : { workOrderId: row.id };
  const label = `${formatWorkOrderNumber(row.number)} ${row.title}`;
  const status = row.status as WorkOrderStatus;
  return {
    ref,
    found: {
      key,
      label,
      closed: OPEN_WORK_ORDER.has(status) ? null : words(status),
      currentAssigneeId: (await workAssignmentRepository.find(tx.trx, key))?.assignee_id ?? null,
    },
    workOrderId: row.id,
    item: {
      label,
      path: `/work-orders/${row.id}`,
      dueAt: null,
      related: { entityType: 'work_order', entityId: row.id },
    },
  };
}

/** The person work is given to: an enabled account whose role may perform work, else a 400. */
async function assigneeOf(ctx: Ctx, assigneeId: string | null): Promise<Colleague | null> {
  if (assigneeId === null) return null;
  const person = await findColleague(ctx, assigneeId);
  const problem = !person
    ? 'is not an enabled person'
    : !person.mayPerformWork
      ? `is ${person.name}, whose role (${person.role}) cannot perform work`
      : null;
  if (problem !== null)
    throw new AppError('validation_failed', `The assignee ${problem}`, {
      issues: [{ path: 'body.assigneeId', message: problem }],
    });
  return person!;
}

const counted = (results: readonly AssignmentResult[]): BulkAssignResponse['counts'] => ({
  assigned: results.filter((r) => r.outcome === 'assigned').length,
  unassigned: results.filter((r) => r.outcome === 'unassigned').length,
  unchanged: results.filter((r) => r.outcome === 'unchanged').length,
  refused: results.filter((r) => r.outcome === 'refused').length,
});

/**
 * Reads each requested row under lock, decides them with `planAssignments` and writes the rows it
 * accepts, in one transaction (see `assignWork`); answers the decisions, refusals typed.
 */
async function decideAndApply(
  ctx: Ctx,
  actor: Actor,
  request: { items: readonly WorkRef[]; assigneeId: string | null },
): Promise<AssignmentDecision[]> {
  const assignee = await assigneeOf(ctx, request.assigneeId);
  return mutate(
    ctx,
    actor,
    async (tx) => {
      const rows: LockedWork[] = [];
      for (const ref of request.items) {
        rows.push(
          ref.type === 'occurrence'
            ? await lockOccurrenceRow(tx, ctx, ref)
            : await lockWorkOrderRow(tx, ref),
        );
      }
      const decisions = planAssignments(rows, request.assigneeId);
      const given: WorkItemForEmail[] = [];
      for (const [index, decision] of decisions.entries()) {
        const row = rows[index]!;
        if (decision.outcome !== 'assigned' && decision.outcome !== 'unassigned') continue;
        const found = row.found!;
        if (assignee) {
          await workAssignmentRepository.assign(tx.trx, found.key, {
            assigneeId: assignee.id,
            by: actor.label,
            now: tx.now,
          });
          given.push(row.item!);
        } else {
          await workAssignmentRepository.unassign(tx.trx, found.key);
        }
        const to = assignee ? `${assignee.name} <${assignee.email}>` : null;
        if (row.workOrderId)
          await workOrderRepository.appendHistory(tx.trx, {
            workOrderId: row.workOrderId,
            kind: assignee ? 'assigned' : 'unassigned',
            at: tx.now,
            actorId: actor.id,
            actorLabel: actor.label,
            note: to ?? '',
          });
        const [entityType, entityId] =
          'occurrenceId' in found.key
            ? ['occurrence', found.key.occurrenceId]
            : ['work_order', found.key.workOrderId];
        await tx.audit({
          action: assignee ? 'work.assigned' : 'work.unassigned',
          entityType,
          entityId,
          before: { assigneeId: found.currentAssigneeId },
          after: { assigneeId: assignee?.id ?? null, assignee: to, workOrderId: row.workOrderId },
        });
      }
      if (assignee && assignee.id !== actor.id)
        await queueAssignmentEmail(tx.trx, tx.now, ctx.config, {
          assignee,
          assignedBy: actor.label,
          items: given,
        });
      return decisions;
    },
    // A request whose rows are all unchanged or refused writes nothing, so it audits nothing.
    { mayFindNothingToDo: true },
  );
}

/**
 * Assigns occurrences and work orders to a person, or unassigns them (`assigneeId` null), in one
 * transaction: each row is read under lock and decided by `planAssignments`; the rows it accepts
 * are written with one audit entry each (and a line in a work order's history), the refused ones
 * write nothing. The assignee gets one e-mail listing what was given to them, queued in the same
 * transaction (not when they assign work to themselves).
 */
export async function assignWork(
  ctx: Ctx,
  actor: Actor,
  request: { items: readonly WorkRef[]; assigneeId: string | null },
): Promise<BulkAssignResponse> {
  const decisions = await decideAndApply(ctx, actor, request);
  const results = decisions.map((decision): AssignmentResult => ({
    type: decision.ref.type,
    id: decision.ref.id,
    outcome: decision.outcome,
    reason: decision.reason,
  }));
  return { assigneeId: request.assigneeId, results, counts: counted(results) };
}

/** The error a single assignment answers for a refusal: 404 when the work does not exist, else 409. */
export function errorCodeOfRefusal(refusal: AssignmentRefusal): 'not_found' | 'conflict' {
  switch (refusal) {
    case 'not_found':
      return 'not_found';
    case 'closed':
    case 'named_twice':
      return 'conflict';
  }
}

/**
 * Assigns (or unassigns) one occurrence or work order: the bulk use case with one row, its refusal
 * turned into the error a single request expects (404 when it does not exist, 409 when closed).
 */
export async function assignOne(
  ctx: Ctx,
  actor: Actor,
  ref: WorkRef,
  assigneeId: string | null,
): Promise<void> {
  const [decision] = await decideAndApply(ctx, actor, { items: [ref], assigneeId });
  if (decision?.outcome === 'refused')
    throw new AppError(errorCodeOfRefusal(decision.refusal), decision.reason);
}
