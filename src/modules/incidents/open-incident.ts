import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { occurrenceDueInstants } from '../occurrences/occurrence-due-instants.js';
import { requireAssetsByKey } from '../register/require-assets-by-key.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
  type PreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import type { IncidentSeverity } from './incident-status.js';
import { queueIncidentOpenedEmails, type IncidentEmailSettings } from './incident-opened-email.js';
import { incidentRepository, type IncidentRow } from './incidents.repository.js';
import {
  formatIncidentNumber,
  type DetectionSource,
  type OpenIncidentBody,
} from './incident.schema.js';

/** The trigger that starts the conformity-decision clock (incident-conformity-decision-24h). */
export const INCIDENT_OPENED_TRIGGER = 'incident-opened';

export interface NewIncidentInput {
  title: string;
  severity: IncidentSeverity;
  detectedAt: Date;
  detectionSource: DetectionSource;
  /** The alert or backup incident it was opened from (one incident each); null when manual. */
  sourceId: string | null;
  assetIds: string[];
  responders: string[];
  note: string;
}

/** What opening incidents needs first, outside the transaction: the SLA controls, the e-mail's settings. */
export interface PreparedIncidentOpening {
  trigger: PreparedTriggerEvent;
  email: IncidentEmailSettings;
}

export async function prepareIncidentOpening(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<PreparedIncidentOpening> {
  return {
    trigger: await prepareTriggerEvent(ctx, {
      type: INCIDENT_OPENED_TRIGGER,
      at: ctx.clock.now().toISOString(),
      details: {},
    }),
    email: { publicUrl: ctx.config.publicUrl, timezone: ctx.config.timezone },
  };
}

/**
 * Opens an incident inside the caller's transaction, and with it starts the 24-hour
 * conformity-decision clock: an `incident-opened` trigger event (idempotent on the incident) whose
 * occurrence is linked to the incident and satisfied by the signed decision. At most one incident
 * per source record: opening again returns the one already there, with `created: false`.
 */
export async function openIncidentIn(
  tx: AuditedTransaction,
  prepared: PreparedIncidentOpening,
  input: NewIncidentInput,
): Promise<{ incident: IncidentRow; created: boolean }> {
  const row = await incidentRepository.insertOnce(tx.trx, {
    title: input.title,
    severity: input.severity,
    detectedAt: input.detectedAt,
    detectionSource: input.detectionSource,
    sourceId: input.sourceId,
    responders: input.responders,
    openedBy: tx.actor.label,
    now: tx.now,
  });
  if (!row) {
    const existing = await incidentRepository.findBySource(
      tx.trx,
      input.detectionSource,
      input.sourceId!,
    );
    return { incident: existing!, created: false };
  }
  await incidentRepository.addAssets(tx.trx, row.id, input.assetIds);
  const number = formatIncidentNumber(row.number);
  await incidentRepository.addTimelineEntry(tx.trx, {
    incidentId: row.id,
    at: tx.now,
    kind: 'opened',
    text: input.note === '' ? `${number} opened: ${input.title}` : input.note,
    by: tx.actor.label,
    now: tx.now,
  });
  // The clock starts when the incident is opened (the control's trigger), not when it was detected.
  const clock = await recordPreparedTriggerEvent(tx, {
    ...prepared.trigger,
    input: {
      type: INCIDENT_OPENED_TRIGGER,
      at: tx.now.toISOString(),
      externalId: `incident:${row.id}`,
      details: { incident: number, severity: input.severity },
    },
  });
  const decisionOccurrenceId = clock.occurrenceIds[0] ?? null;
  const incident = await incidentRepository.update(tx.trx, row.id, {
    decision_occurrence_id: decisionOccurrenceId,
  });
  const assets = await incidentRepository.assetsOf(tx.trx, [row.id]);
  await queueIncidentOpenedEmails(tx, prepared.email, {
    id: row.id,
    number,
    title: input.title,
    severity: input.severity,
    detectionSource: input.detectionSource,
    detectedAt: input.detectedAt,
    assets: assets.map(({ key, name }) => ({ key, name })),
    decisionDueAt: decisionOccurrenceId
      ? ((await occurrenceDueInstants({ db: tx.trx }, [decisionOccurrenceId])).get(
          decisionOccurrenceId,
        ) ?? null)
      : null,
    ownerRoles: assets.map((asset) => asset.owner_role),
  });
  await tx.audit({
    action: 'incident.opened',
    entityType: 'incident',
    entityId: row.id,
    after: {
      number,
      title: input.title,
      severity: input.severity,
      detectionSource: input.detectionSource,
      sourceId: input.sourceId,
      detectedAt: input.detectedAt.toISOString(),
      assetIds: input.assetIds,
      decisionOccurrenceId: incident.decision_occurrence_id,
    },
  });
  return { incident, created: true };
}

/** Opens an incident by hand (`POST /api/v1/incidents`, `plumbline incidents open`). */
export async function openIncident(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  body: OpenIncidentBody,
): Promise<string> {
  const prepared = await prepareIncidentOpening(ctx);
  return mutate(ctx, actor, async (tx) => {
    const assets = await requireAssetsByKey(tx.trx, body.assets, 'body.assets');
    const detectedAt = body.detectedAt ? new Date(body.detectedAt) : tx.now;
    if (detectedAt > tx.now) {
      throw new AppError('validation_failed', 'An incident cannot be detected in the future', {
        issues: [{ path: 'body.detectedAt', message: 'is in the future' }],
      });
    }
    const { incident } = await openIncidentIn(tx, prepared, {
      title: body.title,
      severity: body.severity,
      detectedAt,
      detectionSource: 'manual',
      sourceId: null,
      assetIds: assets.map((asset) => asset.id),
      responders: body.responders,
      note: body.note ?? '',
    });
    return incident.id;
  });
}
