import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageFromRows, type Page } from '../../platform/http/paging.js';
import { commentRepository } from './comment.repository.js';
import type { CommentSubject, CommentedRecord } from './comment-subject.js';
import type { CommentView, ListCommentsQuery } from './comment.schema.js';

/** A comment's place in its thread: the order it was written in. */
const commentKey = z.tuple([z.string().regex(/^\d+$/)]);

/**
 * A page of a record's thread, oldest first, each comment with the people it mentions.
 * `checkRecord` sees the record before anything is read (an engaged auditor's period).
 */
export async function listComments(
  ctx: Pick<AppContext, 'db'>,
  subject: CommentSubject,
  recordId: string,
  query: ListCommentsQuery,
  checkRecord: (record: CommentedRecord) => void = () => undefined,
): Promise<Page<CommentView>> {
  const record = await subject.find(ctx.db, recordId);
  if (!record) throw notFound(subject.noun);
  checkRecord(record);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, commentKey);
  const rows = await commentRepository.page(ctx.db, {
    recordType: subject.recordType,
    recordId,
    afterSeq: after?.[0],
    limit: query.limit + 1,
  });
  const shown = rows.slice(0, query.limit);
  const mentions = await commentRepository.mentionsOf(
    ctx.db,
    shown.map((row) => row.id),
  );
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.seq],
    (row): CommentView => ({
      id: row.id,
      body: row.body,
      author: { id: row.author_id, label: row.author_label },
      createdAt: row.created_at.toISOString(),
      mentions: mentions
        .filter((mention) => mention.comment_id === row.id)
        .map(({ id, name, email }) => ({ id, name, email })),
    }),
  );
}
