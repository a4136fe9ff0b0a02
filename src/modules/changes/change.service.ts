import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { can } from '../../platform/auth/policy.js';
import { listAttachments } from '../attachments/list-attachments.js';
import {
  abilityOf,
  decideSecondPersonSigning,
  type Ability,
} from '../signatures/second-person-rule.js';
import { CHANGE_RECORD_TYPE } from './change-evidence.js';
import { toChangeEventViews } from './change-events.service.js';
import { approvalRule, changeFacts, verificationRule } from './change-rules.js';
import {
  approvalDueAt,
  decideChangeAction,
  judgeChangeTimestamps,
  verificationDueAt,
  type ChangeAction,
  type ChangeRisk,
  type ChangeStatus,
  type ChangeType,
} from './change-status.js';
import {
  formatChangeNumber,
  type ChangeDetail,
  type ChangeSource,
  type ChangeView,
  type ListChangesQuery,
  type VerificationOutcome,
} from './change.schema.js';
import { changeRepository, type ChangeRow } from './changes.repository.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

type ViewContext = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** The changes as views: affected assets, dependent processes, and what their timestamps say. */
export async function toChangeViews(ctx: ViewContext, rows: ChangeRow[]): Promise<ChangeView[]> {
  const ids = rows.map((row) => row.id);
  const [assets, processes] = await Promise.all([
    changeRepository.assetsOf(ctx.db, ids),
    changeRepository.processesOf(ctx.db, ids),
  ]);
  const now = ctx.clock.now();
  const emergencyHours = ctx.config.changes.emergencyApprovalHours;
  return rows.map((row) => {
    const type = row.type as ChangeType;
    const judged = judgeChangeTimestamps(
      {
        type,
        approvedAt: row.approved_at,
        implementedAt: row.implemented_at,
        verifiedAt: row.verified_at,
      },
      now,
      emergencyHours,
    );
    return {
      id: row.id,
      number: formatChangeNumber(row.number),
      title: row.title,
      description: row.description,
      type,
      risk: row.risk as ChangeRisk,
      conformityImpact: row.conformity_impact,
      testSummary: row.test_summary,
      rollbackPlan: row.rollback_plan,
      status: row.status as ChangeStatus,
      source: row.source as ChangeSource,
      sourceRef: row.source_ref,
      plannedStart: iso(row.planned_start),
      plannedEnd: iso(row.planned_end),
      requester: row.requester_label,
      requestedAt: row.requested_at.toISOString(),
      assets: assets
        .filter((asset) => asset.change_id === row.id)
        .map(({ key, name }) => ({ key, name })),
      processes: processes
        .filter((process) => process.change_id === row.id)
        .map((process) => ({
          key: process.key,
          name: process.name,
          affectsConformity: process.affects_conformity,
        })),
      approval:
        row.approved_at && row.approval_signature_id
          ? {
              at: row.approved_at.toISOString(),
              by: row.approved_by ?? '',
              signatureId: row.approval_signature_id,
            }
          : null,
      implementedAt: iso(row.implemented_at),
      implementedBy: row.implemented_by,
      approvalDueAt: iso(
        row.implemented_at && approvalDueAt(type, row.implemented_at, emergencyHours),
      ),
      verification:
        row.verified_at && row.verification_signature_id
          ? {
              at: row.verified_at.toISOString(),
              by: row.verified_by ?? '',
              signatureId: row.verification_signature_id,
              outcome: row.verification_outcome as VerificationOutcome,
              note: row.verification_note ?? '',
            }
          : null,
      verificationDueAt: iso(row.implemented_at && verificationDueAt(row.implemented_at)),
      ...judged,
      closedAt: iso(row.closed_at),
      closedBy: row.closed_by,
      closingNote: row.closing_note,
    };
  });
}

const cursorKey = z.tuple([cursorInstant, z.uuid()]);

/** Changes, newest requested first, a page at a time. */
export async function listChanges(
  ctx: ViewContext,
  query: ListChangesQuery,
): Promise<Page<ChangeView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await changeRepository.page(ctx.db, {
    status: query.status,
    type: query.type,
    assetKey: query.asset,
    after: after && { requestedAt: after[0], id: after[1] },
    limit: query.limit,
  });
  const page = pageFromRows(
    rows,
    query.limit,
    (row) => [row.requested_at.toISOString(), row.id],
    (row) => row,
  );
  return { items: await toChangeViews(ctx, page.items), nextCursor: page.nextCursor };
}

/** Whether this caller may take a step that needs no signature (implement, reject, cancel). */
function plainAbility(principal: Principal | null, row: ChangeRow, action: ChangeAction): Ability {
  if (principal === null || !can(principal.actor.role, 'changes:manage')) {
    return { allowed: false, reason: null };
  }
  const decision = decideChangeAction(changeFacts(row), action);
  return decision.ok
    ? { allowed: true, reason: null }
    : { allowed: false, reason: decision.reason };
}

/** One change with its evidence, delivery events and what this caller may do with it. */
export async function getChange(
  ctx: ViewContext,
  id: string,
  principal: Principal | null,
): Promise<ChangeDetail> {
  const row = await changeRepository.get(ctx.db, id);
  if (!row) throw notFound('Change');
  const [view] = await toChangeViews(ctx, [row]);
  const [evidence, events] = await Promise.all([
    listAttachments(ctx.db, CHANGE_RECORD_TYPE, id),
    changeRepository.eventsOfChange(ctx.db, id),
  ]);
  return {
    ...view!,
    evidence,
    events: await toChangeEventViews(ctx, events),
    abilities: {
      approve: abilityOf(decideSecondPersonSigning(principal, approvalRule(row))),
      implement: plainAbility(principal, row, 'implement'),
      verify: abilityOf(decideSecondPersonSigning(principal, verificationRule(row))),
      reject: plainAbility(principal, row, 'reject'),
      cancel: plainAbility(principal, row, 'cancel'),
    },
  };
}

/** A change as a period's overview lists it. */
export interface ChangeSummary {
  number: string;
  title: string;
  type: ChangeType;
  status: ChangeStatus;
  requestedAt: string;
  approvedAt: string | null;
  implementedAt: string | null;
  verifiedAt: string | null;
  approvedBeforeImplementation: boolean | null;
  verifiedWithin48h: boolean | null;
}

/**
 * The changes affecting an asset that were requested, implemented or verified in [start, end),
 * oldest requested first, with what their timestamps say (the walkthrough's change records).
 */
export async function changesOfAssetIn(
  ctx: ViewContext,
  assetKey: string,
  window: { start: Date; end: Date },
): Promise<ChangeSummary[]> {
  const rows = await changeRepository.ofAssetIn(ctx.db, assetKey, window.start, window.end);
  return (await toChangeViews(ctx, rows)).map((change) => ({
    number: change.number,
    title: change.title,
    type: change.type,
    status: change.status,
    requestedAt: change.requestedAt,
    approvedAt: change.approval?.at ?? null,
    implementedAt: change.implementedAt,
    verifiedAt: change.verification?.at ?? null,
    approvedBeforeImplementation: change.approvedBeforeImplementation,
    verifiedWithin48h: change.verifiedWithin48h,
  }));
}
