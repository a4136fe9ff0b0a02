import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { MatrixRowInput, ProcessInput } from './process.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function selectProcesses(db: Db) {
  return db
    .selectFrom('processes')
    .selectAll('processes')
    .select((eb) =>
      eb
        .selectFrom('matrix_rows')
        .whereRef('matrix_rows.process_id', '=', 'processes.id')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .as('asset_count'),
    );
}
export type ProcessWithCount = NonNullable<Awaited<ReturnType<typeof processRepository.findByKey>>>;

function selectMatrix(db: Db) {
  return db
    .selectFrom('matrix_rows')
    .innerJoin('processes', 'processes.id', 'matrix_rows.process_id')
    .innerJoin('assets', 'assets.id', 'matrix_rows.asset_id')
    .select([
      'matrix_rows.id',
      'matrix_rows.conformity_impact',
      'matrix_rows.control_method',
      'matrix_rows.evidence_location',
      'processes.key as process_key',
      'processes.name as process_name',
      'processes.owner_role as process_owner_role',
      'processes.affects_conformity',
      'assets.key as asset_key',
      'assets.name as asset_name',
      'assets.category as asset_category',
      'assets.criticality as asset_criticality',
      'assets.owner_role as asset_owner_role',
      'assets.third_party_managed',
    ]);
}
export type MatrixJoinedRow = Awaited<ReturnType<typeof processRepository.matrix>>[number];

export const processRepository = {
  /** By name then key (unique), after the cursor's row. */
  page: (db: Db, query: { after?: readonly [string, string] | undefined; limit: number }) => {
    let select = selectProcesses(db);
    if (query.after) {
      const [name, key] = query.after;
      select = select.where((eb) =>
        eb(eb.refTuple('processes.name', 'processes.key'), '>', eb.tuple(name, key)),
      );
    }
    return select.orderBy('processes.name').orderBy('processes.key').limit(query.limit).execute();
  },
  findByKey: (db: Db, key: string) =>
    selectProcesses(db).where('processes.key', '=', key).executeTakeFirst(),
  insert: (db: Db, input: ProcessInput, now: Date) =>
    db
      .insertInto('processes')
      .values({
        key: input.key,
        name: input.name,
        description: input.description,
        owner_role: input.ownerRole,
        affects_conformity: input.affectsConformity,
        created_at: now,
        updated_at: now,
      })
      .execute(),
  update: (db: Db, id: string, input: Omit<ProcessInput, 'key'>, now: Date) =>
    db
      .updateTable('processes')
      .set({
        name: input.name,
        description: input.description,
        owner_role: input.ownerRole,
        affects_conformity: input.affectsConformity,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute(),
  /**
   * Matrix rows by process name, process key and asset key (unique together), optionally after
   * the cursor's row and at most `limit` of them.
   */
  matrix: (
    db: Db,
    filter: {
      processKey?: string | undefined;
      assetKey?: string | undefined;
      id?: string;
      after?: readonly [string, string, string] | undefined;
      limit?: number;
    },
  ) => {
    let select = selectMatrix(db)
      .orderBy('processes.name')
      .orderBy('processes.key')
      .orderBy('assets.key');
    if (filter.processKey) select = select.where('processes.key', '=', filter.processKey);
    if (filter.assetKey) select = select.where('assets.key', '=', filter.assetKey);
    if (filter.id) select = select.where('matrix_rows.id', '=', filter.id);
    if (filter.after) {
      const [name, processKey, assetKey] = filter.after;
      select = select.where((eb) =>
        eb.or([
          eb('processes.name', '>', name),
          eb.and([eb('processes.name', '=', name), eb('processes.key', '>', processKey)]),
          eb.and([
            eb('processes.name', '=', name),
            eb('processes.key', '=', processKey),
            eb('assets.key', '>', assetKey),
          ]),
        ]),
      );
    }
    if (filter.limit !== undefined) select = select.limit(filter.limit);
    return select.execute();
  },
  findMatrixRow: (db: Db, processId: string, assetId: string) =>
    db
      .selectFrom('matrix_rows')
      .selectAll()
      .where('process_id', '=', processId)
      .where('asset_id', '=', assetId)
      .executeTakeFirst(),
  insertMatrixRow: (
    db: Db,
    processId: string,
    assetId: string,
    input: Omit<MatrixRowInput, 'processKey' | 'assetKey'>,
    now: Date,
  ) =>
    db
      .insertInto('matrix_rows')
      .values({
        process_id: processId,
        asset_id: assetId,
        conformity_impact: input.conformityImpact,
        control_method: input.controlMethod,
        evidence_location: input.evidenceLocation,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  updateMatrixRow: (
    db: Db,
    id: string,
    input: Omit<MatrixRowInput, 'processKey' | 'assetKey'>,
    now: Date,
  ) =>
    db
      .updateTable('matrix_rows')
      .set({
        conformity_impact: input.conformityImpact,
        control_method: input.controlMethod,
        evidence_location: input.evidenceLocation,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute(),
  deleteMatrixRow: (db: Db, id: string) =>
    db.deleteFrom('matrix_rows').where('id', '=', id).execute(),
};
