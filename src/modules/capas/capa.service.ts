import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { can } from '../../platform/auth/policy.js';
import { notFound } from '../../platform/errors.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { pageFromRows, decodeCursor, type Page } from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { listAttachments } from '../attachments/list-attachments.js';
import { formatNonconformanceNumber } from '../nonconformances/nonconformance.schema.js';
import {
  abilityOf,
  decideSecondPersonSigning,
  type Ability,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';
import { CAPA_EVIDENCE_RECORD_TYPE } from './capa-evidence.js';
import {
  capaTransition,
  isActionOpen,
  type CapaActionStatus,
  type CapaEvent,
  type CapaStatus,
} from './capa-status.js';
import {
  formatCapaNumber,
  type CapaDetail,
  type CapaKind,
  type CapaView,
  type CheckOutcome,
  type ListCapasQuery,
  type RootCauseMethod,
} from './capa.schema.js';
import { capaRepository, type CapaActionRow, type CapaRow } from './capa.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** The organisation's calendar day now: what "overdue" and "the planned date" are measured on. */
export const todayOf = (ctx: Pick<AppContext, 'clock' | 'config'>): string =>
  dateInZone(ctx.clock.now(), ctx.config.timezone);

/**
 * Who may sign a CAPA's effectiveness check: anyone with `work:verify` except the owners of its
 * actions, once every action is done and the planned date has come.
 */
export function effectivenessCheckRule(
  capa: Pick<CapaRow, 'status' | 'check_planned_on'>,
  actions: readonly Pick<CapaActionRow, 'owner_user_id' | 'status'>[],
  today: string,
): SecondPersonRule {
  const status = capa.status as CapaStatus;
  const state: SecondPersonRule['state'] =
    status !== 'verifying'
      ? {
          open: false,
          reason:
            status === 'effective' || status === 'closed'
              ? 'the effectiveness check has passed already'
              : 'the effectiveness check comes after every action is done',
        }
      : today < capa.check_planned_on
        ? { open: false, reason: `the effectiveness check is planned for ${capa.check_planned_on}` }
        : { open: true };
  return {
    permission: 'work:verify',
    state,
    doneBy: actions
      .filter((action) => action.status !== 'cancelled')
      .map((action) => action.owner_user_id),
    ownWorkReason: 'the effectiveness check is signed by someone other than the action owners',
  };
}

async function toCapaViews(ctx: Ctx, rows: readonly CapaRow[]): Promise<CapaView[]> {
  const ids = rows.map((row) => row.id);
  const [links, counts] = await Promise.all([
    capaRepository.nonconformancesOf(ctx.db, ids),
    capaRepository.actionCounts(ctx.db, ids, todayOf(ctx)),
  ]);
  return rows.map((row) => {
    const count = counts.find((c) => c.capa_id === row.id);
    return {
      id: row.id,
      number: formatCapaNumber(row.number),
      kind: row.kind as CapaKind,
      title: row.title,
      status: row.status as CapaStatus,
      ownerUserId: row.owner_user_id,
      ownerLabel: row.owner_label,
      nonconformances: links
        .filter((link) => link.capa_id === row.id)
        .map((link) => ({
          id: link.id,
          number: formatNonconformanceNumber(link.number),
          title: link.title,
        })),
      rootCause:
        row.root_cause_method === null
          ? null
          : { method: row.root_cause_method as RootCauseMethod, text: row.root_cause },
      openActions: Number(count?.open ?? 0),
      overdueActions: Number(count?.overdue ?? 0),
      effectivenessCheck: {
        plannedOn: row.check_planned_on,
        criteria: row.check_criteria,
        outcome: row.check_outcome as CheckOutcome | null,
        note: row.check_note,
        checkedAt: row.checked_at?.toISOString() ?? null,
        checkedBy: row.checked_by,
        signatureId: row.check_signature_id,
      },
      slaOccurrenceId: row.sla_occurrence_id,
      openedAt: row.opened_at.toISOString(),
      openedBy: row.opened_by,
      closedAt: row.closed_at?.toISOString() ?? null,
      closedBy: row.closed_by,
    };
  });
}

const capaKey = z.tuple([z.number().int()]);

/** A page of CAPAs, newest first; filters and an engaged auditor's period applied in the query. */
export async function listCapaPage(
  ctx: Ctx,
  query: Partial<ListCapasQuery> & Pick<ListCapasQuery, 'limit'>,
  within?: EngagementPeriod,
): Promise<Page<CapaView>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, capaKey);
  const rows = await capaRepository.list(ctx.db, {
    status: query.status,
    open: query.open,
    nonconformanceId: query.nonconformanceId,
    within,
    page: { beforeNumber: after?.[0], limit: query.limit + 1 },
  });
  const page = pageFromRows(
    rows,
    query.limit,
    (row) => [row.number],
    (row) => row,
  );
  return { items: await toCapaViews(ctx, page.items), nextCursor: page.nextCursor };
}

/** What a manager (`nonconformance:manage`) may do now: the transition function decides. */
function manageAbility(principal: Principal | null, status: CapaStatus, event: CapaEvent): Ability {
  if (principal === null || !can(principal.actor.role, 'nonconformance:manage'))
    return { allowed: false, reason: null };
  const outcome = capaTransition(status, event);
  return outcome.ok ? { allowed: true, reason: null } : { allowed: false, reason: outcome.reason };
}

/** One CAPA with its actions (and their evidence) and what this caller may do with it. */
export async function getCapa(
  ctx: Ctx,
  id: string,
  principal: Principal | null,
): Promise<CapaDetail> {
  const row = await capaRepository.get(ctx.db, id);
  if (!row) throw notFound('CAPA');
  const [view] = await toCapaViews(ctx, [row]);
  const actions = await capaRepository.actionsOf(ctx.db, id);
  const today = todayOf(ctx);
  const status = row.status as CapaStatus;
  return {
    ...view!,
    actions: await Promise.all(
      actions.map(async (action) => ({
        id: action.id,
        title: action.title,
        ownerUserId: action.owner_user_id,
        ownerLabel: action.owner_label,
        dueOn: action.due_on,
        overdue: isActionOpen(action.status as CapaActionStatus) && action.due_on < today,
        status: action.status as CapaActionStatus,
        completionNote: action.completion_note,
        completedAt: action.completed_at?.toISOString() ?? null,
        evidence: await listAttachments(ctx.db, CAPA_EVIDENCE_RECORD_TYPE, action.id),
      })),
    ),
    abilities: {
      recordRootCause: manageAbility(principal, status, 'root-cause-recorded'),
      addAction: manageAbility(principal, status, 'action-added'),
      signEffectivenessCheck: abilityOf(
        decideSecondPersonSigning(principal, effectivenessCheckRule(row, actions, today)),
      ),
      close: manageAbility(principal, status, 'close'),
    },
  };
}
