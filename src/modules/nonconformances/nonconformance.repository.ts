import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { openDuring } from '../../platform/db/open-during.js';
import { DEFICIENCY_SOURCES } from './nonconformance.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NonconformanceFilter {
  statuses?: readonly string[] | undefined;
  source?: string | undefined;
  /** Only deficiencies (true: from restore tests and DR exercises), or only the others (false). */
  deficiency?: boolean | undefined;
  sourceId?: string | undefined;
  ownerRole?: string | undefined;
  ownerUserId?: string | undefined;
  /**
   * Overdue (true) or not (false) on `today`, the organisation's calendar day: not closed and due
   * before it.
   */
  overdue?: { overdue: boolean; today: string } | undefined;
  /** Only these (a selection exported). */
  ids?: readonly string[] | undefined;
  /** Only those raised in [start, end): an engaged auditor's period. */
  within?: { start: Date; end: Date } | undefined;
  /** Keyset page, newest first: those numbered below `beforeNumber`, at most `limit`. */
  page?: { beforeNumber: number | undefined; limit: number };
}

export interface NonconformanceChanges {
  status: string;
  owner_role: string;
  owner_user_id: string | null;
  owner_user_label: string | null;
  due_on: string | null;
  description: string;
  resolution_note: string | null;
  resolved_at: Date | null;
  resolved_by_id: string | null;
  resolved_by_label: string | null;
  closed_at: Date | null;
  closed_by_id: string | null;
  closed_by_label: string | null;
  closure_signature_id: string | null;
  sla_occurrence_id: string | null;
  requirement_not_met: string;
  containment: string;
  disposition: string;
  impact_assessment: string;
}

export const nonconformanceRepository = {
  list: (db: Db, filter: NonconformanceFilter = {}) => {
    let select = db.selectFrom('nonconformances').selectAll().orderBy('number', 'desc');
    if (filter.statuses && filter.statuses.length > 0)
      select = select.where('status', 'in', filter.statuses);
    if (filter.source) select = select.where('source_type', '=', filter.source);
    if (filter.deficiency !== undefined)
      select = select.where('source_type', filter.deficiency ? 'in' : 'not in', DEFICIENCY_SOURCES);
    if (filter.sourceId) select = select.where('source_id', '=', filter.sourceId);
    if (filter.ownerRole) select = select.where('owner_role', '=', filter.ownerRole);
    if (filter.ownerUserId) select = select.where('owner_user_id', '=', filter.ownerUserId);
    // An empty selection selects nothing (an empty string would not even parse as a uuid).
    if (filter.ids)
      select =
        filter.ids.length > 0
          ? select.where('id', 'in', filter.ids)
          : select.where(sql<boolean>`false`);
    const overdue = filter.overdue;
    if (overdue) {
      select = select.where((eb) => {
        const isOverdue = eb.and([
          eb('status', '<>', 'closed'),
          eb('due_on', 'is not', null),
          eb('due_on', '<', overdue.today),
        ]);
        return overdue.overdue ? isOverdue : eb.not(isOverdue);
      });
    }
    if (filter.within)
      select = select
        .where('raised_at', '>=', filter.within.start)
        .where('raised_at', '<', filter.within.end);
    const page = filter.page;
    if (page) {
      if (page.beforeNumber !== undefined) select = select.where('number', '<', page.beforeNumber);
      select = select.limit(page.limit);
    }
    return select.execute();
  },
  /**
   * Nonconformances open at some time in [start, end) as recorded by `asOf`: raised before the
   * period ended and by `asOf`, not closed before it began; in number order after `afterNumber`.
   */
  openDuring: (
    db: Db,
    window: { start: Date; end: Date; asOf: Date; afterNumber: number | null; limit: number },
  ) => {
    let query = db
      .selectFrom('nonconformances')
      .selectAll()
      .where((eb) => openDuring(eb, { opened: 'raised_at', closed: 'closed_at' }, window))
      .orderBy('number')
      .limit(window.limit);
    if (window.afterNumber !== null) query = query.where('number', '>', window.afterNumber);
    return query.execute();
  },
  /**
   * Nonconformances raised in [start, end) by `asOf`, and those open at `until` (raised by then,
   * whenever, and not closed by then).
   */
  countsOfPeriod: (db: Db, window: { start: Date; end: Date; asOf: Date; until: Date }) =>
    db
      .selectFrom('nonconformances')
      .select((eb) => [
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.and([
              eb('raised_at', '>=', window.start),
              eb('raised_at', '<', window.end),
              eb('raised_at', '<=', window.asOf),
            ]),
          )
          .as('raised'),
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.and([
              eb('raised_at', '<=', window.until),
              eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', window.until)]),
            ]),
          )
          .as('open_at_end'),
      ])
      .executeTakeFirstOrThrow(),
  findById: (db: Db, id: string) =>
    db.selectFrom('nonconformances').selectAll().where('id', '=', id).executeTakeFirst(),
  findForUpdate: (trx: Transaction<Database>, id: string) =>
    trx
      .selectFrom('nonconformances')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  sourceIdsRaised: async (db: Db, sourceType: string, sourceIds: string[]) =>
    sourceIds.length === 0
      ? new Set<string>()
      : new Set(
          (
            await db
              .selectFrom('nonconformances')
              .select('source_id')
              .where('source_type', '=', sourceType)
              .where('source_id', 'in', sourceIds)
              .execute()
          ).map((row) => row.source_id),
        ),
  /** Inserts unless the source (and item) already raised one; returns the new row or undefined. */
  insertOnce: (
    db: Db,
    values: {
      sourceType: string;
      sourceId: string;
      sourceItem?: string;
      title: string;
      description: string;
      ownerRole: string;
      ownerUserId?: string | null;
      ownerUserLabel?: string | null;
      dueOn?: string | null;
      now: Date;
    },
  ) =>
    db
      .insertInto('nonconformances')
      .values({
        source_type: values.sourceType,
        source_id: values.sourceId,
        source_item: values.sourceItem ?? '',
        title: values.title,
        description: values.description,
        owner_role: values.ownerRole,
        owner_user_id: values.ownerUserId ?? null,
        owner_user_label: values.ownerUserLabel ?? null,
        due_on: values.dueOn ?? null,
        status: 'open',
        raised_at: values.now,
        updated_at: values.now,
      })
      .onConflict((oc) => oc.columns(['source_type', 'source_id', 'source_item']).doNothing())
      .returningAll()
      .executeTakeFirst(),
  /** Which of these occurrences a nonconformance already stands for. */
  occurrencesAttached: async (db: Db, occurrenceIds: readonly string[]) =>
    occurrenceIds.length === 0
      ? new Set<string>()
      : new Set(
          (
            await db
              .selectFrom('nonconformance_occurrences')
              .select('occurrence_id')
              .where('occurrence_id', 'in', occurrenceIds)
              .execute()
          ).map((row) => row.occurrence_id),
        ),
  /**
   * The open (not closed) missed-work nonconformance of a control and asset, with the deadline of
   * the latest missed occurrence it stands for; the most recent when there are several.
   */
  openStreak: (db: Db, lane: { controlKey: string; assetKey: string }) =>
    db
      .selectFrom('nonconformance_occurrences as l')
      .innerJoin('nonconformances as n', 'n.id', 'l.nonconformance_id')
      .select(['n.id', 'n.number', (eb) => eb.fn.max('l.due_at').as('last_due_at')])
      .where('l.control_key', '=', lane.controlKey)
      .where('l.asset_key', '=', lane.assetKey)
      .where('n.source_type', '=', 'occurrence')
      .where('n.status', '<>', 'closed')
      .groupBy(['n.id', 'n.number'])
      .orderBy('last_due_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  /** Records that the nonconformance stands for one more missed occurrence; false if it already did. */
  attachOccurrence: async (
    db: Db,
    values: {
      nonconformanceId: string;
      occurrenceId: string;
      controlKey: string;
      assetKey: string;
      dueAt: Date;
      now: Date;
    },
  ) =>
    (await db
      .insertInto('nonconformance_occurrences')
      .values({
        nonconformance_id: values.nonconformanceId,
        occurrence_id: values.occurrenceId,
        control_key: values.controlKey,
        asset_key: values.assetKey,
        due_at: values.dueAt,
        attached_at: values.now,
      })
      .onConflict((oc) => oc.column('occurrence_id').doNothing())
      .returning('occurrence_id')
      .executeTakeFirst()) !== undefined,
  /** The missed occurrences each open or investigating missed-work nonconformance stands for. */
  openMissedWork: (db: Db) =>
    db
      .selectFrom('nonconformance_occurrences as l')
      .innerJoin('nonconformances as n', 'n.id', 'l.nonconformance_id')
      .select([
        'n.id',
        (eb) => eb.fn.agg<string[]>('array_agg', ['l.occurrence_id']).as('occurrence_ids'),
      ])
      .where('n.source_type', '=', 'occurrence')
      .where('n.status', 'in', ['open', 'investigating'])
      .groupBy('n.id')
      .execute(),
  /** A nonconformance raised by hand: its own source, with every field of the form. */
  insertManual: (
    db: Db,
    values: {
      sourceId: string;
      title: string;
      description: string;
      requirementNotMet: string;
      containment: string;
      disposition: string;
      impactAssessment: string;
      ownerRole: string;
      ownerUserId: string | null;
      ownerUserLabel: string | null;
      dueOn: string;
      raisedBy: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('nonconformances')
      .values({
        source_type: 'manual',
        source_id: values.sourceId,
        title: values.title,
        description: values.description,
        requirement_not_met: values.requirementNotMet,
        containment: values.containment,
        disposition: values.disposition,
        impact_assessment: values.impactAssessment,
        owner_role: values.ownerRole,
        owner_user_id: values.ownerUserId,
        owner_user_label: values.ownerUserLabel,
        due_on: values.dueOn,
        raised_by: values.raisedBy,
        status: 'open',
        raised_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  update: (db: Db, id: string, changes: Partial<NonconformanceChanges>, now: Date) =>
    db
      .updateTable('nonconformances')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};

export type NonconformanceRow = NonNullable<
  Awaited<ReturnType<typeof nonconformanceRepository.findById>>
>;
