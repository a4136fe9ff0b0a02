import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { openDuring } from '../../platform/db/open-during.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface CapaFilter {
  status?: string | undefined;
  /** true: not closed; false: closed. */
  open?: boolean | undefined;
  nonconformanceId?: string | undefined;
  /** Only those opened in [start, end): an engaged auditor's period. */
  within?: { start: Date; end: Date } | undefined;
  /** Keyset page, newest first: those numbered below `beforeNumber`, at most `limit`. */
  page?: { beforeNumber: number | undefined; limit: number };
}

export interface CapaChanges {
  status: string;
  root_cause_method: string;
  root_cause: string;
  check_outcome: string | null;
  check_note: string | null;
  check_signature_id: string | null;
  checked_at: Date | null;
  checked_by: string | null;
  closed_at: Date;
  closed_by: string;
  sla_occurrence_id: string | null;
}

export interface CapaActionChanges {
  status: string;
  completion_note: string | null;
  completed_at: Date | null;
}

/** Actions still to do, counted per CAPA, overdue ones apart (due before `today`). */
const actionCounts = (db: Db, capaIds: readonly string[], today: string) =>
  db
    .selectFrom('capa_actions')
    .select((eb) => [
      'capa_id',
      eb.fn.countAll<string>().as('open'),
      eb.fn.sum<string>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .where('capa_id', 'in', capaIds)
    .where('status', 'in', ['open', 'in_progress'])
    .groupBy('capa_id')
    .execute();

export const capaRepository = {
  list: (db: Db, filter: CapaFilter = {}) => {
    let select = db.selectFrom('capas').selectAll().orderBy('number', 'desc');
    if (filter.status) select = select.where('status', '=', filter.status);
    if (filter.open !== undefined)
      select = select.where('status', filter.open ? '<>' : '=', 'closed');
    const ncId = filter.nonconformanceId;
    if (ncId)
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom('capa_nonconformances as l')
            .select('l.capa_id')
            .whereRef('l.capa_id', '=', 'capas.id')
            .where('l.nonconformance_id', '=', ncId),
        ),
      );
    if (filter.within)
      select = select
        .where('opened_at', '>=', filter.within.start)
        .where('opened_at', '<', filter.within.end);
    const page = filter.page;
    if (page) {
      if (page.beforeNumber !== undefined) select = select.where('number', '<', page.beforeNumber);
      select = select.limit(page.limit);
    }
    return select.execute();
  },
  /**
   * CAPAs open at some time in [start, end) as recorded by `asOf`: opened before the period ended
   * and by `asOf`, not closed before it began; in number order after `afterNumber`.
   */
  openDuring: (
    db: Db,
    window: { start: Date; end: Date; asOf: Date; afterNumber: number | null; limit: number },
  ) => {
    let query = db
      .selectFrom('capas')
      .selectAll()
      .where((eb) => openDuring(eb, { opened: 'opened_at', closed: 'closed_at' }, window))
      .orderBy('number')
      .limit(window.limit);
    if (window.afterNumber !== null) query = query.where('number', '>', window.afterNumber);
    return query.execute();
  },
  /**
   * The actions of these CAPAs as they stood at `until`: how many were recorded, how many done,
   * and how many still to do past the end of their due date (`today` being the day of `until`).
   */
  actionCountsAt: (db: Db, capaIds: readonly string[], until: Date, today: string) =>
    capaIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('capa_actions')
          .select((eb) => {
            const done = eb.and([eb('status', '=', 'done'), eb('completed_at', '<=', until)]);
            return [
              'capa_id',
              eb.fn.countAll<string>().as('recorded'),
              eb.fn.sum<string>(eb.case().when(done).then(1).else(0).end()).as('done'),
              eb.fn
                .sum<string>(
                  eb
                    .case()
                    .when(
                      eb.and([
                        eb.not(done),
                        eb('status', '<>', 'cancelled'),
                        eb('due_on', '<', today),
                      ]),
                    )
                    .then(1)
                    .else(0)
                    .end(),
                )
                .as('overdue'),
            ];
          })
          .where('capa_id', 'in', capaIds)
          .where('created_at', '<=', until)
          .groupBy('capa_id')
          .execute(),
  /**
   * CAPAs opened in [start, end) by `asOf`; effectiveness checks that passed in it (signed by
   * `until`); CAPAs open at `until` (opened by then, not closed by then).
   */
  countsOfPeriod: (db: Db, window: { start: Date; end: Date; asOf: Date; until: Date }) =>
    db
      .selectFrom('capas')
      .select((eb) => [
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.and([
              eb('opened_at', '>=', window.start),
              eb('opened_at', '<', window.end),
              eb('opened_at', '<=', window.asOf),
            ]),
          )
          .as('opened'),
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.and([
              eb('check_outcome', '=', 'passed'),
              eb('checked_at', '>=', window.start),
              eb('checked_at', '<=', window.until),
            ]),
          )
          .as('found_effective'),
        eb.fn
          .countAll<string>()
          .filterWhere(
            eb.and([
              eb('opened_at', '<=', window.until),
              eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', window.until)]),
            ]),
          )
          .as('open_at_end'),
      ])
      .executeTakeFirstOrThrow(),
  get: (db: Db, id: string) =>
    db.selectFrom('capas').selectAll().where('id', '=', id).executeTakeFirst(),
  lockForUpdate: (trx: Transaction<Database>, id: string) =>
    trx.selectFrom('capas').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  insert: (
    db: Db,
    values: {
      kind: string;
      title: string;
      ownerUserId: string;
      ownerLabel: string;
      checkPlannedOn: string;
      checkCriteria: string;
      openedBy: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('capas')
      .values({
        kind: values.kind,
        title: values.title,
        status: 'analysis',
        owner_user_id: values.ownerUserId,
        owner_label: values.ownerLabel,
        check_planned_on: values.checkPlannedOn,
        check_criteria: values.checkCriteria,
        opened_at: values.now,
        opened_by: values.openedBy,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  update: (db: Db, id: string, changes: Partial<CapaChanges>, now: Date) =>
    db
      .updateTable('capas')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  linkNonconformances: async (db: Db, capaId: string, nonconformanceIds: readonly string[]) => {
    await db
      .insertInto('capa_nonconformances')
      .values(nonconformanceIds.map((id) => ({ capa_id: capaId, nonconformance_id: id })))
      .execute();
  },
  /** The nonconformances linked to each CAPA, by number. */
  nonconformancesOf: (db: Db, capaIds: readonly string[]) =>
    capaIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('capa_nonconformances as l')
          .innerJoin('nonconformances as n', 'n.id', 'l.nonconformance_id')
          .select(['l.capa_id', 'n.id', 'n.number', 'n.title', 'n.status'])
          .where('l.capa_id', 'in', capaIds)
          .orderBy('n.number')
          .execute(),
  actionCounts: (db: Db, capaIds: readonly string[], today: string) =>
    capaIds.length === 0 ? Promise.resolve([]) : actionCounts(db, capaIds, today),
  actionsOf: (db: Db, capaId: string) =>
    db
      .selectFrom('capa_actions')
      .selectAll()
      .where('capa_id', '=', capaId)
      .orderBy('seq')
      .execute(),
  getAction: (db: Db, actionId: string) =>
    db.selectFrom('capa_actions').selectAll().where('id', '=', actionId).executeTakeFirst(),
  insertAction: (
    db: Db,
    values: {
      capaId: string;
      title: string;
      ownerUserId: string;
      ownerLabel: string;
      dueOn: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('capa_actions')
      .values({
        capa_id: values.capaId,
        title: values.title,
        owner_user_id: values.ownerUserId,
        owner_label: values.ownerLabel,
        due_on: values.dueOn,
        status: 'open',
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  updateAction: (db: Db, actionId: string, changes: Partial<CapaActionChanges>, now: Date) =>
    db
      .updateTable('capa_actions')
      .set({ ...changes, updated_at: now })
      .where('id', '=', actionId)
      .returningAll()
      .executeTakeFirstOrThrow(),
  /** An action with its CAPA's status and SLA occurrence; locked when `lock`. */
  actionWithCapa: (db: Db, actionId: string, lock: boolean) => {
    const select = db
      .selectFrom('capa_actions as a')
      .innerJoin('capas as c', 'c.id', 'a.capa_id')
      .select(['a.id', 'a.status', 'c.status as capa_status', 'c.sla_occurrence_id'])
      .where('a.id', '=', actionId);
    return (lock ? select.forUpdate() : select).executeTakeFirst();
  },
  /** Actions still to do whose due date is before `today`, with their CAPA, oldest due first. */
  overdueActions: (db: Db, today: string) =>
    db
      .selectFrom('capa_actions as a')
      .innerJoin('capas as c', 'c.id', 'a.capa_id')
      .innerJoin('users as u', 'u.id', 'a.owner_user_id')
      .select([
        'a.id',
        'a.title',
        'a.due_on',
        'a.owner_label',
        'u.email as owner_email',
        'u.name as owner_name',
        'u.disabled_at as owner_disabled_at',
        'c.id as capa_id',
        'c.number as capa_number',
        'c.title as capa_title',
      ])
      .where('a.status', 'in', ['open', 'in_progress'])
      .where('a.due_on', '<', today)
      .where('c.status', '<>', 'closed')
      .orderBy('a.due_on')
      .orderBy('a.seq')
      .execute(),
};

export type CapaRow = NonNullable<Awaited<ReturnType<typeof capaRepository.get>>>;
export type CapaActionRow = NonNullable<Awaited<ReturnType<typeof capaRepository.getAction>>>;
