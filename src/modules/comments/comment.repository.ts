import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** SQL of comments and their mentions: insert and read only (a trigger refuses the rest). */
export const commentRepository = {
  insert: (
    db: Db,
    values: {
      recordType: string;
      recordId: string;
      body: string;
      authorId: string | null;
      authorLabel: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('comments')
      .values({
        record_type: values.recordType,
        record_id: values.recordId,
        body: values.body,
        author_id: values.authorId,
        author_label: values.authorLabel,
        created_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  insertMentions: (db: Db, commentId: string, userIds: readonly string[]) =>
    userIds.length === 0
      ? Promise.resolve([])
      : db
          .insertInto('comment_mentions')
          .values(userIds.map((userId) => ({ comment_id: commentId, user_id: userId })))
          .execute(),
  /** A record's thread, oldest first, after the cursor's comment. */
  page: (
    db: Db,
    query: { recordType: string; recordId: string; afterSeq: string | undefined; limit: number },
  ) => {
    let select = db
      .selectFrom('comments')
      .selectAll()
      .where('record_type', '=', query.recordType)
      .where('record_id', '=', query.recordId);
    if (query.afterSeq !== undefined) select = select.where('seq', '>', query.afterSeq);
    return select.orderBy('seq').limit(query.limit).execute();
  },
  mentionsOf: (db: Db, commentIds: readonly string[]) =>
    commentIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('comment_mentions')
          .innerJoin('users', 'users.id', 'comment_mentions.user_id')
          .select(['comment_mentions.comment_id', 'users.id', 'users.name', 'users.email'])
          .where('comment_mentions.comment_id', 'in', commentIds)
          .orderBy('users.name')
          .execute(),
};
