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
  const eventId = (await occurrenceRepository.triggerEventsByExternalIds(db, [externalId])).get(
    externalId,
  );
  if (eventId === undefined) return null;
  const occurrences = await occurrenceRepository.occurrenceIdsByTriggerEvent(db, [eventId]);
  return { eventId, created: false, occurrenceIds: occurrences.get(eventId) ?? [] };
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
  const [recorded] = await recordPreparedTriggerEvents(tx, prepared, [prepared.input]);
  return recorded!;
}

/** Events written per statement: a few thousand parameters, whatever the import's size. */
const BULK_CHUNK = 500;

/**
 * Records many trigger events of one prepared type and asset (one per finding of a scan, say) and
 * the SLA occurrences they start, in the caller's transaction, with a handful of statements per
 * 500 events instead of several per event: events already recorded under their external id are
 * returned as they are; the new ones and their occurrences are inserted together and audited
 * with one lock (`auditMany`). Answers in the order of `inputs`.
 */
export async function recordPreparedTriggerEvents(
  tx: AuditedTransaction,
  prepared: Omit<PreparedTriggerEvent, 'input'>,
  inputs: readonly RecordTriggerEventInput[],
): Promise<RecordedTriggerEvent[]> {
  const results: RecordedTriggerEvent[] = [];
  for (let start = 0; start < inputs.length; start += BULK_CHUNK) {
    results.push(...(await recordChunk(tx, prepared, inputs.slice(start, start + BULK_CHUNK))));
  }
  return results;
}

async function recordChunk(
  tx: AuditedTransaction,
  prepared: Omit<PreparedTriggerEvent, 'input'>,
  inputs: readonly RecordTriggerEventInput[],
): Promise<RecordedTriggerEvent[]> {
  const { asset, scoped, controls } = prepared;
  const externalIds = inputs.flatMap((input) => (input.externalId ? [input.externalId] : []));
  const existing = await occurrenceRepository.triggerEventsByExternalIds(tx.trx, externalIds);
  const existingOccurrences = await occurrenceRepository.occurrenceIdsByTriggerEvent(tx.trx, [
    ...existing.values(),
  ]);
  // The same external id twice in one call is one event, recorded at its first mention.
  const fresh = inputs.filter(
    (input, index) =>
      !input.externalId ||
      (!existing.has(input.externalId) &&
        inputs.findIndex((other) => other.externalId === input.externalId) === index),
  );
  const eventIds = await occurrenceRepository.insertTriggerEvents(
    tx.trx,
    fresh.map((input) => ({
      type: input.type,
      assetId: asset?.id ?? null,
      at: input.at,
      targetAt: input.targetAt ?? null,
      details: input.details,
      externalId: input.externalId ?? null,
      recordedBy: tx.actor.label,
      now: tx.now,
    })),
  );
  const byInput = new Map<RecordTriggerEventInput, string>();
  fresh.forEach((input, index) => byInput.set(input, eventIds[index]!));
  await tx.auditMany(
    fresh.map((input) => ({
      action: 'trigger_event.recorded',
      entityType: 'trigger_event',
      entityId: byInput.get(input)!,
      after: input,
    })),
  );

  const planned = fresh.flatMap((input) =>
    controls.flatMap((control) => {
      const plan = planSlaOccurrence(
        {
          key: control.content.key,
          perAsset: control.content.perAsset,
          scope: control.content.scope,
          sla: control.content.sla!,
        },
        {
          id: byInput.get(input)!,
          type: input.type,
          assetKey: asset?.key ?? null,
          at: new Date(input.at),
          targetAt: input.targetAt ? new Date(input.targetAt) : null,
        },
        scoped,
      );
      return plan ? [{ control, plan, eventId: byInput.get(input)! }] : [];
    }),
  );
  const inserted = await occurrenceRepository.insertManyReturning(
    tx.trx,
    planned.map(({ control, plan, eventId }) => ({
      control_id: control.id,
      period_key: plan.periodKey,
      asset_key: plan.assetKey,
      asset_id: asset?.id ?? null,
      trigger_event_id: eventId,
      opens_at: plan.opensAt,
      due_at: plan.dueAt,
      closes_at: plan.closesAt,
      critical: control.content.critical,
      owner_role: control.content.ownerRole,
      generated_at: tx.now,
    })),
  );
  const createdByEvent = new Map<string, string[]>();
  const audits = [];
  for (const { control, plan, eventId } of planned) {
    const id = inserted.get(`${control.id} ${plan.periodKey} ${plan.assetKey}`);
    if (id === undefined) continue;
    createdByEvent.set(eventId, [...(createdByEvent.get(eventId) ?? []), id]);
    audits.push({
      action: 'occurrence.created',
      entityType: 'occurrence',
      entityId: id,
      after: {
        controlKey: plan.controlKey,
        periodKey: plan.periodKey,
        assetKey: plan.assetKey,
        dueAt: plan.dueAt,
      },
    });
  }
  await tx.auditMany(audits);

  return inputs.map((input) => {
    const known = input.externalId ? existing.get(input.externalId) : undefined;
    if (known !== undefined) {
      return {
        eventId: known,
        created: false,
        occurrenceIds: existingOccurrences.get(known) ?? [],
      };
    }
    const eventId = byInput.get(input);
    if (eventId === undefined) {
      // A repeated external id within this call: the event its first mention recorded.
      const first = inputs.find((other) => other.externalId === input.externalId)!;
      const firstId = byInput.get(first)!;
      return { eventId: firstId, created: false, occurrenceIds: createdByEvent.get(firstId) ?? [] };
    }
    return { eventId, created: true, occurrenceIds: createdByEvent.get(eventId) ?? [] };
  });
}
