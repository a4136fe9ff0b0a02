import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export const apiTokenRepository = {
  insert: (
    db: Db,
    values: {
      name: string;
      role: string;
      tokenHash: string;
      prefix: string;
      createdBy: string | null;
      now: Date;
      expiresAt: Date | null;
    },
  ) =>
    db
      .insertInto('api_tokens')
      .values({
        name: values.name,
        role: values.role,
        token_hash: values.tokenHash,
        prefix: values.prefix,
        created_by: values.createdBy,
        created_at: values.now,
        expires_at: values.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  findByHash: (db: Db, tokenHash: string) =>
    db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
  findById: (db: Db, id: string) =>
    db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Db) => db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute(),
  touch: (db: Db, id: string, now: Date) =>
    db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute(),
  revoke: (db: Db, id: string, now: Date) =>
    db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};
