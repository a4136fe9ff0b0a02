import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// The instance key's check value (an HMAC of a constant under the key, which does not reveal the
// key), so a start with another key is refused instead of silently creating or using it; and the
// check value of the key a rotation is moving to while `plumbline keys rotate` is unfinished.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instance_key')
    .addColumn('id', 'smallint', (c) =>
      c
        .primaryKey()
        .defaultTo(1)
        .check(sql`id = 1`),
    )
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rotating_to_check_value', 'text')
    .addColumn('rotation_started_at', 'timestamptz')
    .execute();
}
