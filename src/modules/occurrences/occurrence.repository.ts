import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewOccurrenceRow {
  control_id: string;
  period_key: string;
  asset_key: string;
  asset_id: string | null;
  trigger_event_id: string | null;
  opens_at: Date;
  due_at: Date;
  closes_at: Date;
  critical: boolean;
  owner_role: string;
  generated_at: Date;
}

export interface OccurrenceFilter {
  ids?: string[];
  controlKey?: string | undefined;
  assetKey?: string | undefined;
  ownerRole?: string | undefined;
  dueFrom?: Date | undefined;
  dueBefore?: Date | undefined;
  /** Only occurrences that exist by this instant (generated or triggered before it). */
  existingAt?: Date | undefined;
  limit: number;
}

export const occurrenceRepository = {
  list: (db: Db, filter: OccurrenceFilter) => {
    let select = db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .selectAll('occurrences')
      .select(['controls.key as control_key', 'controls.title as control_title'])
      .orderBy('occurrences.due_at')
      .orderBy('controls.key')
      .orderBy('occurrences.asset_key')
      .limit(filter.limit);
    if (filter.ids)
      select = select.where(
        'occurrences.id',
        'in',
        filter.ids.length > 0 ? filter.ids : ['00000000-0000-0000-0000-000000000000'],
      );
    if (filter.controlKey) select = select.where('controls.key', '=', filter.controlKey);
    if (filter.assetKey) select = select.where('occurrences.asset_key', '=', filter.assetKey);
    if (filter.ownerRole) select = select.where('occurrences.owner_role', '=', filter.ownerRole);
    if (filter.dueFrom) select = select.where('occurrences.due_at', '>=', filter.dueFrom);
    if (filter.dueBefore) select = select.where('occurrences.due_at', '<', filter.dueBefore);
    if (filter.existingAt)
      select = select.where('occurrences.generated_at', '<=', filter.existingAt);
    return select.execute();
  },
  eventsFor: (db: Db, occurrenceIds: string[]) =>
    occurrenceIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('occurrence_events')
          .selectAll()
          .where('occurrence_id', 'in', occurrenceIds)
          .orderBy('seq')
          .execute(),
  findTriggerEventByExternalId: (db: Db, externalId: string) =>
    db
      .selectFrom('trigger_events')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirst(),
  idsForTriggerEvent: async (db: Db, eventId: string) =>
    (
      await db
        .selectFrom('occurrences')
        .select('id')
        .where('trigger_event_id', '=', eventId)
        .execute()
    ).map((row) => row.id),
  insertTriggerEvent: (
    db: Db,
    values: {
      type: string;
      assetId: string | null;
      at: string;
      targetAt: string | null;
      details: Record<string, unknown>;
      externalId: string | null;
      recordedBy: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('trigger_events')
      .values({
        type: values.type,
        asset_id: values.assetId,
        at: values.at,
        target_at: values.targetAt,
        details: JSON.stringify(values.details),
        external_id: values.externalId,
        recorded_by: values.recordedBy,
        recorded_at: values.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  /** Inserts what does not exist yet; the unique (control, period, asset) key makes reruns no-ops. */
  insertMissing: async (db: Db, rows: NewOccurrenceRow[]): Promise<number> => {
    if (rows.length === 0) return 0;
    const inserted = await db
      .insertInto('occurrences')
      .values(rows)
      .onConflict((oc) => oc.columns(['control_id', 'period_key', 'asset_key']).doNothing())
      .returning('id')
      .execute();
    return inserted.length;
  },
  /** Inserts one occurrence; returns its id, or null when it already existed. */
  insertOne: async (db: Db, row: NewOccurrenceRow): Promise<string | null> => {
    const [inserted] = await db
      .insertInto('occurrences')
      .values(row)
      .onConflict((oc) => oc.columns(['control_id', 'period_key', 'asset_key']).doNothing())
      .returning('id')
      .execute();
    return inserted?.id ?? null;
  },
  /** Locks the occurrence so two commands on it are decided one after the other. */
  findForUpdate: (trx: Transaction<Database>, id: string) =>
    trx
      .selectFrom('occurrences')
      .select([
        'id',
        'control_id',
        'asset_id',
        'asset_key',
        'opens_at',
        'due_at',
        'closes_at',
        'owner_role',
      ])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  /**
   * The occurrence of a control for an asset (`''` for organisation-wide) whose period holds the
   * instant (`opens_at ≤ t < due_at`); the latest opened one if windows overlap.
   */
  covering: (db: Db, filter: { controlKey: string; assetKey: string; instant: Date }) =>
    db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select([
        'occurrences.id',
        'occurrences.period_key',
        'occurrences.asset_key',
        'occurrences.opens_at',
        'occurrences.due_at',
        'occurrences.closes_at',
        'controls.key as control_key',
      ])
      .where('controls.key', '=', filter.controlKey)
      .where('occurrences.asset_key', '=', filter.assetKey)
      .where('occurrences.opens_at', '<=', filter.instant)
      .where('occurrences.due_at', '>', filter.instant)
      .orderBy('occurrences.opens_at', 'desc')
      .orderBy('occurrences.id')
      .limit(1)
      .executeTakeFirst(),
  events: (db: Db, occurrenceId: string) =>
    db
      .selectFrom('occurrence_events')
      .select(['kind', 'at', 'actor_id', 'actor_label'])
      .where('occurrence_id', '=', occurrenceId)
      .orderBy('seq')
      .execute(),
  /** Only for record-occurrence-event.ts: events are appended after the transition is checked. */
  appendEvent: (
    db: Db,
    values: {
      occurrenceId: string;
      kind: string;
      at: Date;
      actorId: string | null;
      actorLabel: string;
      note: string;
      signatureId: string | null;
    },
  ) =>
    db
      .insertInto('occurrence_events')
      .values({
        occurrence_id: values.occurrenceId,
        kind: values.kind,
        at: values.at,
        actor_id: values.actorId,
        actor_label: values.actorLabel,
        note: values.note,
        signature_id: values.signatureId,
      })
      .execute(),
};
