import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The links between users and the identities an OpenID Connect provider vouches for. */
export const ssoIdentityRepository = {
  /** The user linked to (issuer, subject), if any. */
  findUser: (db: Db, issuer: string, subject: string) =>
    db
      .selectFrom('sso_identities')
      .innerJoin('users', 'users.id', 'sso_identities.user_id')
      .selectAll('users')
      .where('sso_identities.issuer', '=', issuer)
      .where('sso_identities.subject', '=', subject)
      .executeTakeFirst(),
  /** The identity linked to a user, if any. */
  findForUser: (db: Db, userId: string) =>
    db
      .selectFrom('sso_identities')
      .select(['issuer', 'subject', 'created_at', 'last_login_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  isLinked: async (db: Db, userId: string) =>
    (await db
      .selectFrom('sso_identities')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst()) !== undefined,
  insert: (db: Db, values: { issuer: string; subject: string; userId: string; now: Date }) =>
    db
      .insertInto('sso_identities')
      .values({
        issuer: values.issuer,
        subject: values.subject,
        user_id: values.userId,
        created_at: values.now,
        last_login_at: values.now,
      })
      .execute(),
  touch: (db: Db, issuer: string, subject: string, now: Date) =>
    db
      .updateTable('sso_identities')
      .set({ last_login_at: now })
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .execute(),
  /** The user linked to (issuer, subject), locked, or undefined. */
  findUserIdForUpdate: async (db: Db, issuer: string, subject: string) =>
    (
      await db
        .selectFrom('sso_identities')
        .select('user_id')
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .forUpdate()
        .executeTakeFirst()
    )?.user_id,
  deleteForUser: (db: Db, userId: string) =>
    db
      .deleteFrom('sso_identities')
      .where('user_id', '=', userId)
      .returning(['issuer', 'subject'])
      .executeTakeFirst(),
};
