import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Calendar feeds: the hash of each feed URL's secret, with its owner. */
export const calendarFeedRepository = {
  findInUse: (db: Db, userId: string) =>
    db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  /** The feed in use with this hash and its owner, if the owner may still sign in. */
  findOwnerByHash: (db: Db, tokenHash: string) =>
    db
      .selectFrom('calendar_feeds')
      .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
      .select(['calendar_feeds.id', 'users.id as user_id', 'users.name', 'users.role'])
      .where('calendar_feeds.token_hash', '=', tokenHash)
      .where('calendar_feeds.revoked_at', 'is', null)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst(),
  insert: (db: Db, values: { userId: string; tokenHash: string; prefix: string; now: Date }) =>
    db
      .insertInto('calendar_feeds')
      .values({
        user_id: values.userId,
        token_hash: values.tokenHash,
        prefix: values.prefix,
        created_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  revoke: (db: Db, id: string, now: Date) =>
    db
      .updateTable('calendar_feeds')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};
