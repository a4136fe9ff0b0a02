import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function withAsset(db: Db) {
  return db
    .selectFrom('decommissioning_records')
    .innerJoin('assets', 'assets.id', 'decommissioning_records.asset_id')
    .selectAll('decommissioning_records')
    .select([
      'assets.key as asset_key',
      'assets.name as asset_name',
      'assets.lifecycle_status as asset_lifecycle_status',
    ]);
}

export type DecommissioningRecordRow = NonNullable<
  Awaited<ReturnType<typeof decommissioningRepository.findById>>
>;

export interface DecommissioningColumns {
  retention_decision: string;
  data_disposition: string;
  data_location: string;
  sanitisation_method: string;
  sanitisation_reference: string;
  access_removed: boolean;
  dns_removed: boolean;
  certificates_removed: boolean;
  monitoring_removed: boolean;
  shut_down_at: Date;
}

/** SQL for decommissioning records, and nothing else. */
export const decommissioningRepository = {
  async insert(
    db: Db,
    values: DecommissioningColumns & { asset_id: string; recorded_by_label: string; now: Date },
  ): Promise<string> {
    const { now, ...columns } = values;
    const row = await db
      .insertInto('decommissioning_records')
      .values({ ...columns, status: 'draft', recorded_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  findById(db: Db, id: string) {
    return withAsset(db).where('decommissioning_records.id', '=', id).executeTakeFirst();
  },

  lock(db: Db, id: string) {
    return db
      .selectFrom('decommissioning_records')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  page(
    db: Db,
    query: {
      assetKey?: string | undefined;
      status?: string | undefined;
      after?: { recordedAt: Date; id: string } | undefined;
      limit: number;
    },
  ) {
    let select = withAsset(db);
    if (query.assetKey) select = select.where('assets.key', '=', query.assetKey);
    if (query.status) select = select.where('decommissioning_records.status', '=', query.status);
    if (query.after) {
      const { recordedAt, id } = query.after;
      select = select.where((eb) =>
        eb(
          eb.refTuple('decommissioning_records.recorded_at', 'decommissioning_records.id'),
          '<',
          eb.tuple(recordedAt, id),
        ),
      );
    }
    return select
      .orderBy('decommissioning_records.recorded_at', 'desc')
      .orderBy('decommissioning_records.id', 'desc')
      .limit(query.limit + 1)
      .execute();
  },

  async update(
    db: Db,
    id: string,
    values: Partial<DecommissioningColumns> &
      Partial<{
        status: string;
        signed_at: Date;
        signed_by_label: string;
        signature_id: string;
      }> & {
        updated_at: Date;
      },
  ): Promise<void> {
    await db.updateTable('decommissioning_records').set(values).where('id', '=', id).execute();
  },
};
