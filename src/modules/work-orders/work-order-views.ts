import { listAttachments } from '../attachments/list-attachments.js';
import { WORK_ORDER_RECORD_TYPE } from './attach-evidence.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { notFound } from '../../platform/errors.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { decodeCursor, pageFromRows, type Page } from '../../platform/http/paging.js';
import { assigneeFilterOf, getOccurrence, personIdOf } from '../occurrences/list-occurrences.js';
import type { Principal } from '../../platform/http/principal.js';
import { listSignatures } from '../signatures/list-signatures.js';
import { abilityOf, decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { automaticSourceFacts } from './automatic-source-facts.js';
import {
  completeAbility,
  completedWithOverride,
  overrideAbility,
  verifyAbilityWithFacts,
} from './closeout-contradiction.js';
import { closeoutSigningRule, verifierRoleOf } from './closeout-signing-rule.js';
import { workOrderRepository, type WorkOrderFilter } from './work-order.repository.js';
import {
  formatWorkOrderNumber,
  type ListWorkOrdersQuery,
  type SignatureMeaning,
  type WorkOrderDetail,
  type WorkOrderHistoryKind,
  type WorkOrderKind,
  type WorkOrderStatus,
  type WorkOrderView,
} from './work-order.schema.js';
import type { CLOSEOUT_OVERRIDE_MEANING } from './work-order.schema.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;
type WorkOrderListRow = Awaited<ReturnType<typeof workOrderRepository.list>>[number];

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export function toWorkOrderView(row: WorkOrderListRow): WorkOrderView {
  return {
    id: row.id,
    number: formatWorkOrderNumber(row.number),
    kind: row.kind as WorkOrderKind,
    status: row.status as WorkOrderStatus,
    title: row.title,
    description: row.description,
    occurrenceId: row.occurrence_id,
    controlKey: row.control_key,
    assetKey: row.asset_key,
    ownerRole: row.owner_role,
    performerId: row.performer_id,
    performerLabel: row.performer_label,
    assignee:
      row.assignee_id === null
        ? null
        : { id: row.assignee_id, name: row.assignee_name!, email: row.assignee_email! },
    completedAt: iso(row.completed_at),
    completionNote: row.completion_note,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A work order's place in the list: its number, newest first. */
const workOrderKey = z.tuple([z.number().int()]);

/**
 * A page of work orders, newest first, by status and kind; "mine" is what I performed or what my
 * role owns. Filters, and an engaged auditor's period (`within`), are applied in the query.
 */
export async function listWorkOrders(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
  query: ListWorkOrdersQuery,
  within?: EngagementPeriod,
): Promise<Page<WorkOrderView>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, workOrderKey);
  const filter: WorkOrderFilter = {
    statuses: query.status,
    kind: query.kind,
    mine: query.mine
      ? { actorId: actor.id, role: actor.role, personId: personIdOf(actor) }
      : undefined,
    assignee: assigneeFilterOf(query.assignee, actor),
    within,
    page: { beforeNumber: after?.[0], limit: query.limit + 1 },
  };
  const rows = await workOrderRepository.list(ctx.db, filter);
  return pageFromRows(rows, query.limit, (row) => [row.number], toWorkOrderView);
}

export async function getWorkOrderView(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<WorkOrderView> {
  const [row] = await workOrderRepository.list(ctx.db, { ids: [id] });
  if (!row) throw notFound('Work order');
  return toWorkOrderView(row);
}

/** One work order with its occurrence, checklist, evidence, signatures and history. */
export async function getWorkOrder(
  ctx: Ctx,
  id: string,
  caller: Principal | null = null,
): Promise<WorkOrderDetail> {
  const view = await getWorkOrderView(ctx, id);
  const verifierRole = await verifierRoleOf(ctx, id);
  const abilityTo = (meaning: SignatureMeaning) =>
    abilityOf(
      decideSecondPersonSigning(
        caller,
        closeoutSigningRule(
          { label: view.number, status: view.status, performerId: view.performerId },
          verifierRole,
          meaning,
        ),
      ),
    );
  const [checklist, evidence, signatures, history] = await Promise.all([
    workOrderRepository.checklist(ctx.db, id),
    listAttachments(ctx.db, WORK_ORDER_RECORD_TYPE, id),
    listSignatures(ctx, 'work_order', id),
    workOrderRepository.history(ctx.db, id),
  ]);
  const occurrence = view.occurrenceId ? await getOccurrence(ctx, view.occurrenceId) : null;
  const sourceFacts = await automaticSourceFacts(ctx, id, view.occurrenceId);
  const state = { label: view.number, status: view.status };
  return {
    ...view,
    occurrence: occurrence && {
      id: occurrence.id,
      controlKey: occurrence.controlKey,
      controlTitle: occurrence.controlTitle,
      periodKey: occurrence.periodKey,
      assetKey: occurrence.assetKey,
      dueAt: occurrence.dueAt,
      status: occurrence.status,
    },
    checklist: checklist.map((item) => ({
      id: item.id,
      position: item.position,
      text: item.text,
      done: item.done,
      doneBy: item.done_by,
      doneAt: iso(item.done_at),
    })),
    evidence,
    sourceFacts,
    abilities: {
      verify: verifyAbilityWithFacts(
        abilityTo('verified'),
        sourceFacts,
        completedWithOverride(history),
      ),
      reject: abilityTo('rejected'),
      complete: completeAbility(caller, state, sourceFacts),
      overrideContradiction: overrideAbility(caller, state, sourceFacts),
    },
    signatures: signatures.map((signature) => ({
      id: signature.id,
      signerLabel: signature.signerLabel,
      meaning: signature.meaning as SignatureMeaning | typeof CLOSEOUT_OVERRIDE_MEANING,
      signedAt: signature.signedAt.toISOString(),
      method: signature.method as 'password' | 'totp',
    })),
    history: history.map((event) => ({
      kind: event.kind as WorkOrderHistoryKind,
      at: event.at.toISOString(),
      actorLabel: event.actor_label,
      note: event.note,
    })),
  };
}
