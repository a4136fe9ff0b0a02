import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Backup retention checked, not only stored (docs/backup-evaluation.md). A snapshot listing
// (restic snapshots, pgBackRest info, velero backup get) says which restore points still exist
// when it was taken; each import of one records, per asset, the oldest and newest restorable point
// it listed. The retention check compares the latest listing with the policy's retention.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('backup_point_listings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    .addColumn('tool', 'text', (c) => c.notNull())
    // When the listing was imported: the points it names existed then.
    .addColumn('listed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('oldest_point_at', 'timestamptz', (c) => c.notNull())
    .addColumn('newest_point_at', 'timestamptz', (c) => c.notNull())
    .addColumn('point_count', 'integer', (c) => c.notNull().check(sql`point_count > 0`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backup_point_listings_asset_listed_idx')
    .on('backup_point_listings')
    .columns(['asset_id', 'listed_at'])
    .execute();
}
