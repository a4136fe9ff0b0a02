import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import {
  decodeCursor,
  MAX_PAGE_LIMIT,
  pageFromRows,
  readAllPages,
  type Page,
} from '../../platform/http/paging.js';
import { addDays, dateInZone } from '../../platform/time/zoned-time.js';
import { findUserById } from '../identity/user.service.js';
import {
  nonconformanceRepository,
  type NonconformanceChanges,
  type NonconformanceRow,
} from './nonconformance.repository.js';
import {
  allowedTransitions,
  formatNonconformanceNumber,
  isDeficiencySource,
  type ListNonconformancesQuery,
  type NonconformanceSource,
  type NonconformanceStatus,
  type NonconformanceView,
  type UpdateNonconformanceInput,
} from './nonconformance.schema.js';

type ViewCtx = Pick<AppContext, 'clock' | 'config'>;

/** Overdue: not closed, and the organisation's calendar has moved past its due date. */
function isOverdue(row: NonconformanceRow, now: Date, timeZone: string): boolean {
  if (row.status === 'closed' || row.due_on === null) return false;
  return dateInZone(now, timeZone) > row.due_on;
}

export function toNonconformanceView(row: NonconformanceRow, ctx: ViewCtx): NonconformanceView {
  return {
    id: row.id,
    number: formatNonconformanceNumber(row.number),
    sourceType: row.source_type as NonconformanceSource,
    sourceId: row.source_id,
    sourceItem: row.source_item,
    deficiency: isDeficiencySource(row.source_type),
    title: row.title,
    description: row.description,
    requirementNotMet: row.requirement_not_met,
    containment: row.containment,
    disposition: row.disposition,
    impactAssessment: row.impact_assessment,
    raisedBy: row.raised_by,
    ownerRole: row.owner_role,
    ownerUserId: row.owner_user_id,
    ownerUserLabel: row.owner_user_label,
    dueOn: row.due_on,
    overdue: isOverdue(row, ctx.clock.now(), ctx.config.timezone),
    status: row.status as NonconformanceStatus,
    resolutionNote: row.resolution_note,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedById: row.resolved_by_id,
    resolvedByLabel: row.resolved_by_label,
    closedByLabel: row.closed_by_label,
    closureSignatureId: row.closure_signature_id,
    slaOccurrenceId: row.sla_occurrence_id,
    raisedAt: row.raised_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A nonconformance's place in the list: its number, newest first. */
const nonconformanceKey = z.tuple([z.number().int()]);

/**
 * A page of nonconformances and deficiencies, newest first. Every filter (overdue on the
 * organisation's calendar day included) and an engaged auditor's period (`within`) are applied in
 * the query.
 */
export async function listNonconformancePage(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Partial<ListNonconformancesQuery> & Pick<ListNonconformancesQuery, 'limit'>,
  within?: EngagementPeriod,
): Promise<Page<NonconformanceView>> {
  const after =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, nonconformanceKey);
  const rows = await nonconformanceRepository.list(ctx.db, {
    statuses: query.status,
    source: query.source,
    deficiency: query.deficiency,
    sourceId: query.sourceId,
    ownerRole: query.ownerRole,
    ownerUserId: query.ownerUserId,
    ids: query.ids,
    overdue:
      query.overdue === undefined
        ? undefined
        : { overdue: query.overdue, today: dateInZone(ctx.clock.now(), ctx.config.timezone) },
    within,
    page: { beforeNumber: after?.[0], limit: query.limit + 1 },
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.number],
    (row) => toNonconformanceView(row, ctx),
  );
}

/** Every nonconformance the filter selects, newest first, read page after page. */
export async function listNonconformances(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  filter: Omit<Partial<ListNonconformancesQuery>, 'cursor' | 'limit'> = {},
  within?: EngagementPeriod,
): Promise<NonconformanceView[]> {
  return readAllPages((cursor) =>
    listNonconformancePage(ctx, { ...filter, limit: MAX_PAGE_LIMIT, cursor }, within),
  );
}

export async function getNonconformance(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  id: string,
): Promise<NonconformanceView> {
  const row = await nonconformanceRepository.findById(ctx.db, id);
  if (!row) throw notFound('Nonconformance');
  return toNonconformanceView(row, ctx);
}

/** The default due date of a deficiency: the 90 days the remediation SLA allows. */
export function defaultDeficiencyDueOn(now: Date, timeZone: string): string {
  return addDays(dateInZone(now, timeZone), 90);
}

/** The owner person's id and label, checked to be an active account. */
export async function resolveOwnerPerson(
  ctx: Pick<AppContext, 'db'>,
  userId: string | null,
  field: string,
): Promise<{ owner_user_id: string | null; owner_user_label: string | null }> {
  if (userId === null) return { owner_user_id: null, owner_user_label: null };
  const user = await findUserById(ctx, userId);
  if (!user || user.disabled) {
    throw new AppError('validation_failed', 'The owner must be an active user', {
      issues: [{ path: field, message: 'is not an active user' }],
    });
  }
  return { owner_user_id: user.id, owner_user_label: `${user.name} <${user.email}>` };
}

/**
 * Moves a nonconformance along its lifecycle (open ⇄ investigating → closed for missed work; open →
 * in progress → resolved ⇄ in progress for a deficiency, which only a signature closes), or
 * changes its owner role, owner person, due date or text.
 */
export async function updateNonconformance(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  id: string,
  input: UpdateNonconformanceInput,
): Promise<NonconformanceView> {
  const owner =
    input.ownerUserId === undefined
      ? {}
      : await resolveOwnerPerson(ctx, input.ownerUserId, 'body.ownerUserId');
  return mutate(ctx, actor, (tx) => applyNonconformanceUpdate(tx, ctx, id, input, owner));
}

/**
 * The change itself, in the caller's transaction (one nonconformance here, many in a bulk
 * triage): refused with 404 / 409 when there is none or the move is not allowed, otherwise
 * written with its `nonconformance.updated` audit entry. `owner` is the owner person already
 * checked by `resolveOwnerPerson` (empty when the input names none).
 */
export async function applyNonconformanceUpdate(
  tx: AuditedTransaction,
  ctx: ViewCtx,
  id: string,
  input: UpdateNonconformanceInput,
  owner: Partial<Awaited<ReturnType<typeof resolveOwnerPerson>>>,
): Promise<NonconformanceView> {
  const existing = await nonconformanceRepository.findForUpdate(tx.trx, id);
  if (!existing) throw notFound('Nonconformance');
  const from = existing.status as NonconformanceStatus;
  const to = input.status ?? from;
  if (from === 'closed') {
    throw new AppError('conflict', 'This nonconformance is closed and can no longer change');
  }
  if (to !== from && !allowedTransitions(existing.source_type, from).includes(to)) {
    throw new AppError(
      'conflict',
      to === 'closed' && isDeficiencySource(existing.source_type)
        ? 'A deficiency is closed by a signed verification of its resolution'
        : `A nonconformance cannot go from ${from} to ${to}`,
    );
  }
  if (to === 'resolved' && from !== 'resolved') {
    throw new AppError(
      'conflict',
      'Resolve a deficiency with its resolution note (POST …/resolve)',
    );
  }
  const changes: Partial<NonconformanceChanges> = {
    status: to,
    ...owner,
    ...(input.owner !== undefined ? { owner_role: input.owner } : {}),
    ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.requirementNotMet !== undefined
      ? { requirement_not_met: input.requirementNotMet }
      : {}),
    ...(input.containment !== undefined ? { containment: input.containment } : {}),
    ...(input.disposition !== undefined ? { disposition: input.disposition } : {}),
    ...(input.impactAssessment !== undefined ? { impact_assessment: input.impactAssessment } : {}),
    ...(to === 'closed' ? { closed_at: tx.now } : {}),
  };
  const row = await nonconformanceRepository.update(tx.trx, id, changes, tx.now);
  await tx.audit({
    action: 'nonconformance.updated',
    entityType: 'nonconformance',
    entityId: id,
    before: toNonconformanceView(existing, ctx),
    after: toNonconformanceView(row, ctx),
  });
  return toNonconformanceView(row, ctx);
}
