import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import { getAsset } from '../register/asset-queries.js';
import { occurrenceRepository } from './occurrence.repository.js';
import type { RecordTriggerEventInput } from './occurrence.schema.js';
import { planSlaOccurrence } from './plan-occurrences.js';
import type { ScopedAsset } from './scope-match.js';

export interface RecordedTriggerEvent {
  eventId: string;
  /** False when the external id was seen before: nothing new was recorded. */
  created: boolean;
  occurrenceIds: string[];
}

/** What recording a trigger event needs to know beforehand: its asset and the SLA controls. */
export interface PreparedTriggerEvent {
  input: RecordTriggerEventInput;
  asset: { id: string; key: string } | null;
  scoped: ScopedAsset | null;
  controls: Awaited<ReturnType<typeof listActiveControlDefinitions>>;
}

/** Reads what a trigger event of this type for this asset will start (outside any transaction). */
export async function prepareTriggerEvent(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: RecordTriggerEventInput,
): Promise<PreparedTriggerEvent> {
  const asset = input.asset ? await getAsset(ctx, input.asset) : null;
  const scoped: ScopedAsset | null = asset && {
    key: asset.key,
    category: asset.category,
    environment: asset.environment,
    criticality: asset.criticality,
    dataClassification: asset.dataClassification,
    lifecycleStatus: asset.lifecycleStatus,
    thirdPartyManaged: asset.thirdPartyManaged,
    tags: asset.tags,
  };
  const controls = (await listActiveControlDefinitions(ctx)).filter(
    (control) => control.content.sla?.trigger === input.type,
  );
  return { input, asset: asset && { id: asset.id, key: asset.key }, scoped, controls };
}

/**
 * Records something that starts SLA clocks ("a critical patch was released for db-prod-eu") and
 * creates, for every SLA control with that trigger whose scope covers the asset, an occurrence due
 * within the control's deadline. Idempotent on the sender's external id.
 */
export async function recordTriggerEvent(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: RecordTriggerEventInput,
): Promise<RecordedTriggerEvent> {
  if (input.externalId) {
    const existing = await findRecordedTriggerEvent(ctx.db, input.externalId);
    if (existing) return existing;
  }
  const prepared = await prepareTriggerEvent(ctx, input);
  return mutate(ctx, actor, (tx) => recordPreparedTriggerEvent(tx, prepared));
}

async function findRecordedTriggerEvent(
  db: Pick<AppContext, 'db'>['db'] | AuditedTransaction['trx'],
  externalId: string,
): Promise<RecordedTriggerEvent | null> {
  const existing = await occurrenceRepository.findTriggerEventByExternalId(db, externalId);
  if (!existing) return null;
  return {
    eventId: existing.id,
    created: false,
    occurrenceIds: await occurrenceRepository.idsForTriggerEvent(db, existing.id),
  };
}

/**
 * Records a prepared trigger event and the SLA occurrences it starts inside the caller's
 * transaction, so that whatever caused it (a backup incident, say) and its deadline commit
 * together or not at all. Idempotent on the external id.
 */
export async function recordPreparedTriggerEvent(
  tx: AuditedTransaction,
  prepared: PreparedTriggerEvent,
): Promise<RecordedTriggerEvent> {
  const { input, asset, scoped, controls } = prepared;
  if (input.externalId) {
    const existing = await findRecordedTriggerEvent(tx.trx, input.externalId);
    if (existing) return existing;
  }
  const actor = tx.actor;
  const event = await occurrenceRepository.insertTriggerEvent(tx.trx, {
    type: input.type,
    assetId: asset?.id ?? null,
    at: input.at,
    targetAt: input.targetAt ?? null,
    details: input.details,
    externalId: input.externalId ?? null,
    recordedBy: actor.label,
    now: tx.now,
  });
  await tx.audit({
    action: 'trigger_event.recorded',
    entityType: 'trigger_event',
    entityId: event.id,
    after: input,
  });
  const occurrenceIds: string[] = [];
  for (const control of controls) {
    const planned = planSlaOccurrence(
      {
        key: control.content.key,
        perAsset: control.content.perAsset,
        scope: control.content.scope,
        sla: control.content.sla!,
      },
      {
        id: event.id,
        type: input.type,
        assetKey: asset?.key ?? null,
        at: new Date(input.at),
        targetAt: input.targetAt ? new Date(input.targetAt) : null,
      },
      scoped,
    );
    if (!planned) continue;
    const id = await occurrenceRepository.insertOne(tx.trx, {
      control_id: control.id,
      period_key: planned.periodKey,
      asset_key: planned.assetKey,
      asset_id: asset?.id ?? null,
      trigger_event_id: event.id,
      opens_at: planned.opensAt,
      due_at: planned.dueAt,
      closes_at: planned.closesAt,
      critical: control.content.critical,
      owner_role: control.content.ownerRole,
      generated_at: tx.now,
    });
    if (id === null) continue;
    occurrenceIds.push(id);
    await tx.audit({
      action: 'occurrence.created',
      entityType: 'occurrence',
      entityId: id,
      after: {
        controlKey: planned.controlKey,
        periodKey: planned.periodKey,
        assetKey: planned.assetKey,
        dueAt: planned.dueAt,
      },
    });
  }
  return { eventId: event.id, created: true, occurrenceIds };
}
