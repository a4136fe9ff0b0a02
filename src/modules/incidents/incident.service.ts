import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { can } from '../../platform/auth/policy.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { occurrenceDueInstants } from '../occurrences/occurrence-due-instants.js';
import { abilityOf, decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import {
  decideIncidentTransition,
  statusEntryText,
  type IncidentStatus,
} from './incident-status.js';
import {
  formatIncidentNumber,
  type ConformityOutcome,
  type DetectionSource,
  type IncidentDetail,
  type IncidentView,
  type ListIncidentsQuery,
  type TimelineKind,
} from './incident.schema.js';
import type { IncidentSeverity } from './incident-status.js';
import { incidentRepository, type IncidentRow } from './incidents.repository.js';
import { conformityDecisionRule } from './decide-incident-conformity.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The incidents as views: affected assets, the processes that depend on them, the decision's due time. */
export async function toIncidentViews(
  ctx: Pick<AppContext, 'db'>,
  rows: IncidentRow[],
): Promise<IncidentView[]> {
  const ids = rows.map((row) => row.id);
  const [assets, processes, dueById] = await Promise.all([
    incidentRepository.assetsOf(ctx.db, ids),
    incidentRepository.processesOf(ctx.db, ids),
    occurrenceDueInstants(
      ctx,
      rows.flatMap((row) => (row.decision_occurrence_id ? [row.decision_occurrence_id] : [])),
    ),
  ]);
  return rows.map((row) => {
    const dueAt = row.decision_occurrence_id
      ? (dueById.get(row.decision_occurrence_id) ?? null)
      : null;
    return {
      id: row.id,
      number: formatIncidentNumber(row.number),
      title: row.title,
      severity: row.severity as IncidentSeverity,
      status: row.status as IncidentStatus,
      detectedAt: row.detected_at.toISOString(),
      detectionSource: row.detection_source as DetectionSource,
      sourceId: row.source_id,
      assets: assets
        .filter((asset) => asset.incident_id === row.id)
        .map(({ key, name }) => ({ key, name })),
      processes: processes
        .filter((process) => process.incident_id === row.id)
        .map((process) => ({
          key: process.key,
          name: process.name,
          affectsConformity: process.affects_conformity,
        })),
      responders: row.responders,
      postIncidentReview: row.post_incident_review,
      openedAt: row.opened_at.toISOString(),
      openedBy: row.opened_by,
      mitigatedAt: iso(row.mitigated_at),
      resolvedAt: iso(row.resolved_at),
      closedAt: iso(row.closed_at),
      decisionDueAt: iso(dueAt),
      decision:
        row.decision && row.decided_at && row.decision_signature_id
          ? {
              outcome: row.decision as ConformityOutcome,
              rationale: row.decision_rationale ?? '',
              decidedAt: row.decided_at.toISOString(),
              decidedBy: row.decided_by ?? '',
              signatureId: row.decision_signature_id,
              nonconformanceId: row.nonconformance_id,
              onTime: dueAt === null || row.decided_at <= dueAt,
            }
          : null,
    };
  });
}

const cursorKey = z.tuple([z.union([z.literal(0), z.literal(1)]), cursorInstant, z.uuid()]);

/** Incidents: those not closed first, then newest opened first, a page at a time. */
export async function listIncidents(
  ctx: Pick<AppContext, 'db'>,
  query: ListIncidentsQuery,
  within?: EngagementPeriod,
): Promise<Page<IncidentView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await incidentRepository.page(ctx.db, {
    status: query.status,
    open: query.open,
    severity: query.severity,
    within,
    after: after && { closed: after[0], openedAt: after[1], id: after[2] },
    limit: query.limit,
  });
  const page = pageFromRows(
    rows,
    query.limit,
    (row) => [Number(row.closed_rank), row.opened_at.toISOString(), row.id],
    (row) => row,
  );
  return { items: await toIncidentViews(ctx, page.items), nextCursor: page.nextCursor };
}

/** One incident with its timeline and what this caller may do with it. */
export async function getIncident(
  ctx: Pick<AppContext, 'db'>,
  id: string,
  principal: Principal | null,
): Promise<IncidentDetail> {
  const row = await incidentRepository.get(ctx.db, id);
  if (!row) throw notFound('Incident');
  const [view] = await toIncidentViews(ctx, [row]);
  const timeline = await incidentRepository.timeline(ctx.db, id);
  const manage = principal !== null && can(principal.actor.role, 'incidents:manage');
  const closed = row.status === 'closed';
  const manageAbility = manage
    ? closed
      ? { allowed: false, reason: 'the incident is closed' }
      : { allowed: true, reason: null }
    : { allowed: false, reason: null };
  return {
    ...view!,
    timeline: timeline.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      kind: entry.kind as TimelineKind,
      text: entry.text,
      recordedBy: entry.recorded_by,
      recordedAt: entry.recorded_at.toISOString(),
    })),
    abilities: {
      decide: abilityOf(decideSecondPersonSigning(principal, conformityDecisionRule(row))),
      transition: manageAbility,
      addTimelineEntry: manageAbility,
    },
  };
}

/** Adds an entry to an incident's timeline (what happened when, who did what). */
export async function addTimelineEntry(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  input: { text: string; at?: string | undefined },
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const row = await incidentRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('Incident');
    if (row.status === 'closed') throw new AppError('conflict', 'The incident is closed');
    const at = input.at ? new Date(input.at) : tx.now;
    if (at > tx.now) {
      throw new AppError('validation_failed', 'A timeline entry cannot be in the future', {
        issues: [{ path: 'body.at', message: 'is in the future' }],
      });
    }
    const entry = await incidentRepository.addTimelineEntry(tx.trx, {
      incidentId: id,
      at,
      kind: 'note',
      text: input.text,
      by: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'incident.timeline_added',
      entityType: 'incident',
      entityId: id,
      after: { entryId: entry.id, at: at.toISOString(), text: input.text },
    });
  });
}

const STATUS_INSTANT: Record<IncidentStatus, 'mitigated_at' | 'resolved_at' | 'closed_at' | null> =
  {
    open: null,
    mitigated: 'mitigated_at',
    resolved: 'resolved_at',
    closed: 'closed_at',
  };

/** Moves an incident along its states (incident-status.ts), with a timeline entry. */
export async function transitionIncident(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  input: {
    to: IncidentStatus;
    note: string;
    postIncidentReview?: string | undefined;
    responders?: string[] | undefined;
  },
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const row = await incidentRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('Incident');
    const review = input.postIncidentReview ?? row.post_incident_review;
    const decision = decideIncidentTransition(
      {
        status: row.status as IncidentStatus,
        decided: row.decision !== null,
        postIncidentReview: review,
      },
      input.to,
    );
    if (!decision.ok)
      throw new AppError('conflict', `Cannot move the incident: ${decision.reason}`);
    const instant = STATUS_INSTANT[input.to];
    await incidentRepository.update(tx.trx, id, {
      status: input.to,
      post_incident_review: review,
      ...(input.responders ? { responders: input.responders } : {}),
      ...(instant ? { [instant]: tx.now } : {}),
      updated_at: tx.now,
    });
    await incidentRepository.addTimelineEntry(tx.trx, {
      incidentId: id,
      at: tx.now,
      kind: 'status',
      text: statusEntryText(row.status as IncidentStatus, input.to, input.note),
      by: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'incident.transitioned',
      entityType: 'incident',
      entityId: id,
      before: { status: row.status },
      after: { status: input.to, note: input.note, postIncidentReview: review },
    });
  });
}
