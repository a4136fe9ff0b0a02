import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ChangeEventsTable, ChangesTable, Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type ChangeRow = Selectable<ChangesTable>;
export type ChangeEventRow = Selectable<ChangeEventsTable>;

export interface NewChange {
  title: string;
  description: string;
  type: string;
  risk: string;
  conformityImpact: string;
  testSummary: string;
  rollbackPlan: string;
  source: string;
  sourceRef: string | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  requesterId: string | null;
  requesterLabel: string;
  now: Date;
}

/** SQL of the changes module: changes, their assets, and the delivery events received. */
export const changeRepository = {
  /** Inserts the change; null when its source record already made one. */
  insertOnce: async (db: Db, values: NewChange): Promise<ChangeRow | null> =>
    (await db
      .insertInto('changes')
      .values({
        title: values.title,
        description: values.description,
        type: values.type,
        risk: values.risk,
        conformity_impact: values.conformityImpact,
        test_summary: values.testSummary,
        rollback_plan: values.rollbackPlan,
        status: 'requested',
        source: values.source,
        source_ref: values.sourceRef,
        planned_start: values.plannedStart,
        planned_end: values.plannedEnd,
        requester_id: values.requesterId,
        requester_label: values.requesterLabel,
        requested_at: values.now,
        updated_at: values.now,
      })
      .onConflict((oc) =>
        oc.columns(['source', 'source_ref']).where('source_ref', 'is not', null).doNothing(),
      )
      .returningAll()
      .executeTakeFirst()) ?? null,

  findBySource: (db: Db, source: string, sourceRef: string) =>
    db
      .selectFrom('changes')
      .selectAll()
      .where('source', '=', source)
      .where('source_ref', '=', sourceRef)
      .executeTakeFirst(),

  get: (db: Db, id: string) =>
    db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst(),

  lockForUpdate: (db: Db, id: string) =>
    db.selectFrom('changes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  update: (db: Db, id: string, values: Partial<Omit<ChangeRow, 'id' | 'number'>>) =>
    db
      .updateTable('changes')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),

  addAssets: async (db: Db, changeId: string, assetIds: string[]): Promise<void> => {
    if (assetIds.length === 0) return;
    await db
      .insertInto('change_assets')
      .values([...new Set(assetIds)].map((assetId) => ({ change_id: changeId, asset_id: assetId })))
      .onConflict((oc) => oc.columns(['change_id', 'asset_id']).doNothing())
      .execute();
  },

  /** Affected assets of these changes, with what decides whether a clock starts. */
  assetsOf: (db: Db, changeIds: string[]) =>
    changeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('change_assets')
          .innerJoin('assets', 'assets.id', 'change_assets.asset_id')
          .select(['change_assets.change_id', 'assets.key', 'assets.name', 'assets.environment'])
          .where('change_assets.change_id', 'in', changeIds)
          .orderBy('assets.key')
          .execute(),

  /** Processes depending, through the matrix, on an affected asset of these changes. */
  processesOf: (db: Db, changeIds: string[]) =>
    changeIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('change_assets')
          .innerJoin('matrix_rows', 'matrix_rows.asset_id', 'change_assets.asset_id')
          .innerJoin('processes', 'processes.id', 'matrix_rows.process_id')
          .select([
            'change_assets.change_id',
            'processes.key',
            'processes.name',
            'processes.affects_conformity',
          ])
          .distinct()
          .where('change_assets.change_id', 'in', changeIds)
          .orderBy('processes.key')
          .execute(),

  /**
   * The assets a repository deploys to: their configuration reference names the repository
   * (`owner/name`, or a URL ending in it, `.git` or not); with an environment, only those of that
   * environment or tagged `deploy-environment:<name>`.
   */
  assetsOfRepository: (db: Db, repository: string, environment: string | null) => {
    const repo = repository.toLowerCase();
    const reference = sql<string>`regexp_replace(lower(assets.configuration_reference), '(\\.git)?/*$', '')`;
    return db
      .selectFrom('assets')
      .select(['id', 'key', 'environment'])
      .where((eb) => {
        const named = eb.or([eb(reference, '=', repo), eb(reference, 'like', `%/${repo}`)]);
        if (environment === null) return named;
        const env = environment.toLowerCase();
        return eb.and([
          named,
          eb.or([
            eb('environment', '=', env),
            eb(sql<boolean>`${`deploy-environment:${env}`} = any(assets.tags)`, '=', true),
          ]),
        ]);
      })
      .orderBy('key')
      .execute();
  },

  /**
   * The changes that cover a deployment to these assets at `at`, most recently approved first:
   * affecting one of the assets, with `at` inside their planned window when they have one, and
   * approved by then, or emergency changes not yet approved (approved afterwards).
   */
  coveringChanges: (db: Db, assetIds: string[], at: Date) =>
    assetIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('changes')
          .selectAll('changes')
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('change_assets')
                .select('change_assets.asset_id')
                .whereRef('change_assets.change_id', '=', 'changes.id')
                .where('change_assets.asset_id', 'in', assetIds),
            ),
          )
          .where((eb) =>
            eb.or([
              eb.and([
                eb('changes.approved_at', '<=', at),
                eb('changes.status', 'in', ['approved', 'implemented', 'verified']),
              ]),
              eb.and([
                eb('changes.type', '=', 'emergency'),
                eb('changes.approved_at', 'is', null),
                eb('changes.status', 'in', ['requested', 'implemented']),
                eb('changes.requested_at', '<=', at),
              ]),
            ]),
          )
          .where((eb) =>
            eb.or([
              eb('changes.planned_start', 'is', null),
              eb.and([eb('changes.planned_start', '<=', at), eb('changes.planned_end', '>=', at)]),
            ]),
          )
          .orderBy('changes.approved_at', (ob) => ob.desc().nullsLast())
          .orderBy('changes.requested_at', 'desc')
          .execute(),

  /** A page of changes, newest requested first (keyset (requested_at desc, id desc)). */
  page: (
    db: Db,
    filter: {
      status?: string | undefined;
      type?: string | undefined;
      assetKey?: string | undefined;
      after?: { requestedAt: Date; id: string } | undefined;
      limit: number;
    },
  ) => {
    let query = db.selectFrom('changes').selectAll('changes');
    if (filter.status) query = query.where('changes.status', '=', filter.status);
    if (filter.type) query = query.where('changes.type', '=', filter.type);
    if (filter.assetKey) {
      const key = filter.assetKey;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('change_assets')
            .innerJoin('assets', 'assets.id', 'change_assets.asset_id')
            .select('change_assets.asset_id')
            .whereRef('change_assets.change_id', '=', 'changes.id')
            .where('assets.key', '=', key),
        ),
      );
    }
    if (filter.after) {
      const { requestedAt, id } = filter.after;
      query = query.where((eb) =>
        eb(eb.refTuple('changes.requested_at', 'changes.id'), '<', eb.tuple(requestedAt, id)),
      );
    }
    return query
      .orderBy('changes.requested_at', 'desc')
      .orderBy('changes.id', 'desc')
      .limit(filter.limit + 1)
      .execute();
  },

  /** Changes affecting an asset that were requested, implemented or verified in [start, end). */
  ofAssetIn: (db: Db, assetKey: string, start: Date, end: Date) =>
    db
      .selectFrom('changes')
      .innerJoin('change_assets', 'change_assets.change_id', 'changes.id')
      .innerJoin('assets', 'assets.id', 'change_assets.asset_id')
      .selectAll('changes')
      .where('assets.key', '=', assetKey)
      .where((eb) =>
        eb.or(
          (['requested_at', 'implemented_at', 'verified_at'] as const).map((column) =>
            eb.and([eb(`changes.${column}`, '>=', start), eb(`changes.${column}`, '<', end)]),
          ),
        ),
      )
      .orderBy('changes.requested_at')
      .orderBy('changes.id')
      .execute(),

  insertEvent: async (db: Db, values: Omit<ChangeEventRow, 'id'>): Promise<ChangeEventRow | null> =>
    (await db
      .insertInto('change_events')
      .values(values)
      .onConflict((oc) => oc.column('delivery_id').doNothing())
      .returningAll()
      .executeTakeFirst()) ?? null,

  eventByDelivery: (db: Db, deliveryId: string) =>
    db
      .selectFrom('change_events')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirst(),

  eventsOfChange: (db: Db, changeId: string) =>
    db
      .selectFrom('change_events')
      .selectAll()
      .where('change_id', '=', changeId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),

  /** A page of delivery events, newest received first (keyset (received_at desc, id desc)). */
  eventPage: (
    db: Db,
    filter: {
      flagged?: boolean | undefined;
      after?: { receivedAt: Date; id: string } | undefined;
      limit: number;
    },
  ) => {
    let query = db.selectFrom('change_events').selectAll();
    if (filter.flagged !== undefined) query = query.where('flagged', '=', filter.flagged);
    if (filter.after) {
      const { receivedAt, id } = filter.after;
      query = query.where((eb) =>
        eb(eb.refTuple('received_at', 'id'), '<', eb.tuple(receivedAt, id)),
      );
    }
    return query
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
  },

  changeNumbers: (db: Db, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('changes').select(['id', 'number']).where('id', 'in', ids).execute(),

  assetKeysOf: (db: Db, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('assets').select(['id', 'key']).where('id', 'in', ids).execute(),
};
