import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SessionState } from '../../platform/http/principal.js';

type Db = Kysely<Database> | Transaction<Database>;

export const sessionRepository = {
  insert: (
    db: Db,
    values: {
      idHash: string;
      userId: string;
      state: SessionState;
      csrfToken: string;
      now: Date;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
      ssoIdToken: string | null;
    },
  ) =>
    db
      .insertInto('sessions')
      .values({
        id_hash: values.idHash,
        user_id: values.userId,
        state: values.state,
        csrf_token: values.csrfToken,
        created_at: values.now,
        expires_at: values.expiresAt,
        last_seen_at: values.now,
        ip: values.ip,
        user_agent: values.userAgent,
        sso_id_token: values.ssoIdToken,
      })
      .execute(),
  findWithUser: (db: Db, idHash: string) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id_hash',
        'sessions.state',
        'sessions.csrf_token',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.id as user_id',
        'users.email',
        'users.name',
        'users.role',
        'users.disabled_at',
      ])
      .where('sessions.id_hash', '=', idHash)
      .executeTakeFirst(),
  setState: (db: Db, idHash: string, state: SessionState) =>
    db.updateTable('sessions').set({ state }).where('id_hash', '=', idHash).execute(),
  touch: (db: Db, idHash: string, now: Date) =>
    db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute(),
  /** Ends a session; the sealed ID token of a single sign-on session, for its sign-out. */
  delete: async (db: Db, idHash: string) =>
    (
      await db
        .deleteFrom('sessions')
        .where('id_hash', '=', idHash)
        .returning('sso_id_token')
        .executeTakeFirst()
    )?.sso_id_token ?? null,
  deleteOthersForUser: (db: Db, userId: string, keepIdHash: string) =>
    db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id_hash', '!=', keepIdHash)
      .execute(),
  deleteForUser: (db: Db, userId: string) =>
    db.deleteFrom('sessions').where('user_id', '=', userId).execute(),
  deleteExpired: (db: Db, now: Date) =>
    db.deleteFrom('sessions').where('expires_at', '<', now).execute(),
};
