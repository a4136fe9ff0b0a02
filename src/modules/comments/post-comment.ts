import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { can } from '../../platform/auth/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { listEveryColleague } from '../identity/colleagues.js';
import { queueMentionEmails } from '../notifications/work-emails.js';
import { commentRepository } from './comment.repository.js';
import type { CommentSubject } from './comment-subject.js';
import type { CommentView, PostCommentInput } from './comment.schema.js';
import { resolveMentions } from './mentions.js';

/**
 * Adds a comment to a record's thread: its mentions resolved to people who may read the record
 * (an e-mail address that is nobody's, or a person who may not read it, is a 400 naming
 * `body.body`), the comment and its mentions written with the `comment.added` audit entry, and an
 * e-mail to each person mentioned (the author excepted) queued in the same transaction.
 */
export async function postComment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  subject: CommentSubject,
  recordId: string,
  input: PostCommentInput,
): Promise<CommentView> {
  const record = await subject.find(ctx.db, recordId);
  if (!record) throw notFound(subject.noun);
  // Names resolve against everyone enabled, so a person who may not read the record is named in
  // the refusal rather than left as plain text.
  const people = await listEveryColleague(ctx);
  const { people: mentioned, unknownEmails } = resolveMentions(input.body, people);
  const problems = [
    ...unknownEmails.map((email) => `@${email} is not the e-mail address of an enabled person`),
    ...mentioned
      .filter((person) => !can(person.role, subject.readPermission))
      .map(
        (person) =>
          `@${person.name} cannot be mentioned: their role (${person.role}) cannot read ${subject.plural}`,
      ),
  ];
  if (problems.length > 0)
    throw new AppError('validation_failed', problems.join('; '), {
      issues: problems.map((message) => ({ path: 'body.body', message })),
    });
  const authorId = actor.type === 'user' ? actor.id : null;
  const comment = await mutate(ctx, actor, async (tx) => {
    const row = await commentRepository.insert(tx.trx, {
      recordType: subject.recordType,
      recordId,
      body: input.body,
      authorId,
      authorLabel: actor.label,
      now: tx.now,
    });
    await commentRepository.insertMentions(
      tx.trx,
      row.id,
      mentioned.map((person) => person.id),
    );
    await tx.audit({
      action: 'comment.added',
      entityType: subject.entityType,
      entityId: recordId,
      after: {
        commentId: row.id,
        body: input.body,
        mentions: mentioned.map((person) => person.email),
      },
    });
    await queueMentionEmails(tx.trx, tx.now, ctx.config, {
      id: row.id,
      author: actor.label,
      recordLabel: record.label,
      path: record.path,
      body: input.body,
      related: { entityType: subject.entityType, entityId: recordId },
      mentioned: mentioned.filter((person) => person.id !== authorId),
    });
    return row;
  });
  return {
    id: comment.id,
    body: comment.body,
    author: { id: comment.author_id, label: comment.author_label },
    createdAt: comment.created_at.toISOString(),
    mentions: mentioned.map(({ id, name, email }) => ({ id, name, email })),
  };
}
