import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { PointListing } from './retention.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewPointListing {
  assetId: string;
  tool: string;
  oldestPointAt: Date;
  newestPointAt: Date;
  pointCount: number;
}

/** What snapshot listings showed restorable, and the first recovery point of each asset. */
export const backupPointListingRepository = {
  insertMany: async (
    trx: Transaction<Database>,
    listings: NewPointListing[],
    recorded: { at: Date; by: string },
  ): Promise<void> => {
    if (listings.length === 0) return;
    await trx
      .insertInto('backup_point_listings')
      .values(
        listings.map((listing) => ({
          asset_id: listing.assetId,
          tool: listing.tool,
          listed_at: recorded.at,
          oldest_point_at: listing.oldestPointAt,
          newest_point_at: listing.newestPointAt,
          point_count: listing.pointCount,
          recorded_by: recorded.by,
        })),
      )
      .execute();
  },

  /** Each asset's latest listing imported by `at`. */
  latestByAsset: async (
    db: Db,
    options: { assetIds: string[]; at: Date },
  ): Promise<Map<string, PointListing>> => {
    if (options.assetIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('backup_point_listings')
      .distinctOn('asset_id')
      .select([
        'asset_id',
        'tool',
        'listed_at',
        'oldest_point_at',
        'newest_point_at',
        'point_count',
      ])
      .where('asset_id', 'in', options.assetIds)
      .where('listed_at', '<=', options.at)
      .orderBy('asset_id')
      .orderBy('listed_at', 'desc')
      .execute();
    return new Map(
      rows.map((row) => [
        row.asset_id,
        {
          tool: row.tool,
          listedAt: new Date(row.listed_at),
          oldestPointAt: new Date(row.oldest_point_at),
          newestPointAt: new Date(row.newest_point_at),
          pointCount: row.point_count,
        },
      ]),
    );
  },

  /** Each asset's earliest recovery point of a successful run recorded by `at`. */
  firstRecoveryPoints: async (
    db: Db,
    options: { assetIds: string[]; at: Date },
  ): Promise<Map<string, Date>> => {
    if (options.assetIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('backup_runs')
      .select([
        'asset_id',
        sql<Date>`min(coalesce(recovery_point_at, started_at))`.as('first_point_at'),
      ])
      .where('asset_id', 'in', options.assetIds)
      .where('status', '=', 'succeeded')
      .where('recorded_at', '<=', options.at)
      .groupBy('asset_id')
      .execute();
    return new Map(rows.map((row) => [row.asset_id, new Date(row.first_point_at)]));
  },
};
