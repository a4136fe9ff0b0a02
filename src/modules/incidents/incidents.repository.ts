import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, IncidentsTable } from '../../platform/db/schema.js';
import { openDuring } from '../../platform/db/open-during.js';

type Db = Kysely<Database> | Transaction<Database>;
export type IncidentRow = Selectable<IncidentsTable>;

export interface NewIncident {
  title: string;
  severity: string;
  detectedAt: Date;
  detectionSource: string;
  sourceId: string | null;
  responders: string[];
  openedBy: string;
  now: Date;
}

/** SQL of the incidents module: incidents, their assets and timeline, and the on-call rota. */
export const incidentRepository = {
  /** Inserts the incident; null when its source already opened one. */
  insertOnce: async (db: Db, values: NewIncident): Promise<IncidentRow | null> =>
    (await db
      .insertInto('incidents')
      .values({
        title: values.title,
        severity: values.severity,
        status: 'open',
        detected_at: values.detectedAt,
        detection_source: values.detectionSource,
        source_id: values.sourceId,
        responders: values.responders,
        opened_at: values.now,
        opened_by: values.openedBy,
        updated_at: values.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['detection_source', 'source_id'])
          .where('source_id', 'is not', null)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst()) ?? null,

  findBySource: (db: Db, source: string, sourceId: string) =>
    db
      .selectFrom('incidents')
      .selectAll()
      .where('detection_source', '=', source)
      .where('source_id', '=', sourceId)
      .executeTakeFirst(),

  get: (db: Db, id: string) =>
    db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst(),

  lockForUpdate: (db: Db, id: string) =>
    db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  update: (db: Db, id: string, values: Partial<Omit<IncidentRow, 'id' | 'number'>>) =>
    db
      .updateTable('incidents')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),

  addAssets: async (db: Db, incidentId: string, assetIds: string[]): Promise<void> => {
    if (assetIds.length === 0) return;
    await db
      .insertInto('incident_assets')
      .values(
        [...new Set(assetIds)].map((assetId) => ({ incident_id: incidentId, asset_id: assetId })),
      )
      .onConflict((oc) => oc.columns(['incident_id', 'asset_id']).doNothing())
      .execute();
  },

  addTimelineEntry: (
    db: Db,
    values: { incidentId: string; at: Date; kind: string; text: string; by: string; now: Date },
  ) =>
    db
      .insertInto('incident_timeline')
      .values({
        incident_id: values.incidentId,
        at: values.at,
        kind: values.kind,
        text: values.text,
        recorded_by: values.by,
        recorded_at: values.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),

  timeline: (db: Db, incidentId: string) =>
    db
      .selectFrom('incident_timeline')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .orderBy('at')
      .orderBy('seq')
      .execute(),

  /** Affected assets of these incidents. */
  assetsOf: (db: Db, incidentIds: string[]) =>
    incidentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('incident_assets')
          .innerJoin('assets', 'assets.id', 'incident_assets.asset_id')
          .select(['incident_assets.incident_id', 'assets.key', 'assets.name', 'assets.owner_role'])
          .where('incident_assets.incident_id', 'in', incidentIds)
          .orderBy('assets.key')
          .execute(),

  /** Processes depending, through the matrix, on an affected asset of these incidents. */
  processesOf: (db: Db, incidentIds: string[]) =>
    incidentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('incident_assets')
          .innerJoin('matrix_rows', 'matrix_rows.asset_id', 'incident_assets.asset_id')
          .innerJoin('processes', 'processes.id', 'matrix_rows.process_id')
          .select([
            'incident_assets.incident_id',
            'processes.key',
            'processes.name',
            'processes.affects_conformity',
          ])
          .distinct()
          .where('incident_assets.incident_id', 'in', incidentIds)
          .orderBy('processes.key')
          .execute(),

  /**
   * A page of incidents: not closed first, then newest opened first (the keyset is
   * (closed, opened_at desc, id desc)).
   */
  page: (
    db: Db,
    filter: {
      status?: string | undefined;
      open?: boolean | undefined;
      severity?: string | undefined;
      after?: { closed: number; openedAt: Date; id: string } | undefined;
      /** Only those opened in [start, end): an engaged auditor's period. */
      within?: { start: Date; end: Date } | undefined;
      limit: number;
    },
  ) => {
    const closedRank = sql<number>`(case when incidents.status = 'closed' then 1 else 0 end)`;
    let query = db.selectFrom('incidents').selectAll().select(closedRank.as('closed_rank'));
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.open === true) query = query.where('status', '<>', 'closed');
    if (filter.open === false) query = query.where('status', '=', 'closed');
    if (filter.severity) query = query.where('severity', '=', filter.severity);
    if (filter.within)
      query = query
        .where('opened_at', '>=', filter.within.start)
        .where('opened_at', '<', filter.within.end);
    if (filter.after) {
      const { closed, openedAt, id } = filter.after;
      query = query.where((eb) =>
        eb.or([
          eb(closedRank, '>', closed),
          eb.and([
            eb(closedRank, '=', closed),
            eb(eb.refTuple('opened_at', 'id'), '<', eb.tuple(openedAt, id)),
          ]),
        ]),
      );
    }
    return query
      .orderBy(closedRank)
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
  },

  /**
   * Incidents open at some time in [start, end) as recorded by `asOf`: opened before the period
   * ended and by `asOf`, not closed before it began; in number order after `afterNumber`, with the
   * decision's due instant and the number of the nonconformance it raised.
   */
  openDuring: (
    db: Db,
    window: { start: Date; end: Date; asOf: Date; afterNumber: number | null; limit: number },
  ) => {
    let query = db
      .selectFrom('incidents as i')
      .leftJoin('occurrences as o', 'o.id', 'i.decision_occurrence_id')
      .leftJoin('nonconformances as n', 'n.id', 'i.nonconformance_id')
      .selectAll('i')
      .select(['o.due_at as decision_due_at', 'n.number as nonconformance_number'])
      .where((eb) => openDuring(eb, { opened: 'i.opened_at', closed: 'i.closed_at' }, window))
      .orderBy('i.number')
      .limit(window.limit);
    if (window.afterNumber !== null) query = query.where('i.number', '>', window.afterNumber);
    return query.execute();
  },

  /**
   * Incidents opened in [start, end) by `asOf`, counted by where their conformity decision stood
   * at `until`: decided (on time, with impact) or still undecided past its due instant.
   */
  countsOfPeriod: (db: Db, window: { start: Date; end: Date; asOf: Date; until: Date }) =>
    db
      .selectFrom('incidents as i')
      .leftJoin('occurrences as o', 'o.id', 'i.decision_occurrence_id')
      .select((eb) => {
        const decided = eb('i.decided_at', '<=', window.until);
        return [
          eb.fn.countAll<string>().as('opened'),
          eb.fn.countAll<string>().filterWhere(decided).as('decided'),
          eb.fn
            .countAll<string>()
            .filterWhere(
              eb.and([
                decided,
                eb.or([eb('o.due_at', 'is', null), eb('i.decided_at', '<=', eb.ref('o.due_at'))]),
              ]),
            )
            .as('decided_on_time'),
          eb.fn
            .countAll<string>()
            .filterWhere(eb.and([decided, eb('i.decision', '=', 'impact')]))
            .as('with_impact'),
          eb.fn
            .countAll<string>()
            .filterWhere(
              eb.and([
                eb.or([eb('i.decided_at', 'is', null), eb('i.decided_at', '>', window.until)]),
                eb('o.due_at', '<', window.until),
              ]),
            )
            .as('undecided_past_due'),
        ];
      })
      .where('i.opened_at', '>=', window.start)
      .where('i.opened_at', '<', window.end)
      .where('i.opened_at', '<=', window.asOf)
      .executeTakeFirstOrThrow(),

  /** The status timeline entries of these incidents recorded by `until`, oldest first. */
  statusEntriesUpTo: (db: Db, incidentIds: string[], until: Date) =>
    incidentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('incident_timeline')
          .select(['incident_id', 'text'])
          .where('incident_id', 'in', incidentIds)
          .where('kind', '=', 'status')
          .where('recorded_at', '<=', until)
          .orderBy('recorded_at')
          .orderBy('seq')
          .execute(),

  insertShift: (
    db: Db,
    values: {
      month: string;
      person: string;
      position: string;
      from: Date;
      to: Date;
      by: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('on_call_shifts')
      .values({
        month: values.month,
        person: values.person,
        position: values.position,
        starts_at: values.from,
        ends_at: values.to,
        recorded_by: values.by,
        recorded_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),

  shiftsOfMonth: (db: Db, month: string) =>
    db
      .selectFrom('on_call_shifts')
      .selectAll()
      .where('month', '=', month)
      .orderBy('starts_at')
      .orderBy('position')
      .orderBy('id')
      .execute(),
};

/** Reads of the backups module's incidents, to escalate one (read only). */
export const backupIncidentReads = {
  get: (db: Db, id: string) =>
    db
      .selectFrom('backup_incidents')
      .innerJoin('assets', 'assets.id', 'backup_incidents.asset_id')
      .select([
        'backup_incidents.id',
        'backup_incidents.asset_id',
        'backup_incidents.kind',
        'backup_incidents.summary',
        'backup_incidents.began_at',
        'assets.key as asset_key',
      ])
      .where('backup_incidents.id', '=', id)
      .executeTakeFirst(),
};
