import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { assertWithinEngagement } from '../../platform/http/engagement.js';
import { pageSchema } from '../../platform/http/paging.js';
import type { CommentSubject } from './comment-subject.js';
import {
  commentViewSchema,
  listCommentsQuerySchema,
  postCommentBodySchema,
} from './comment.schema.js';
import { listComments } from './list-comments.js';
import { postComment } from './post-comment.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

export interface CommentThread {
  /** `/api/v1/<records>/:id/comments` */
  url: string;
  subject: CommentSubject;
  tag: string;
}

/**
 * The thread routes of a module's record types: GET (paged, oldest first) for whoever may read
 * the record, an engaged auditor within their period included; POST for `comments:write`.
 */
export function registerCommentThreads(
  api: Api,
  ctx: AppContext,
  threads: readonly CommentThread[],
): void {
  for (const { url, subject, tag } of threads) {
    api.get(url, {
      config: { access: { permission: subject.readPermission }, engagedAuditor: 'period' },
      schema: {
        tags: [tag],
        summary: `The comments on a ${subject.noun.toLowerCase()}, oldest first (paged)`,
        params: idParams,
        querystring: listCommentsQuerySchema,
        response: { 200: pageSchema(commentViewSchema) },
      },
      handler: async (request) =>
        listComments(ctx, subject, request.params.id, request.query, (record) =>
          assertWithinEngagement(request.principal, { at: record.createdAt }),
        ),
    });
    api.post(url, {
      config: { access: { permission: 'comments:write' } },
      schema: {
        tags: [tag],
        summary: `Comment on a ${subject.noun.toLowerCase()}; @e-mail or @Full Name mentions a person, who is told by e-mail (comments are never edited or deleted)`,
        params: idParams,
        body: postCommentBodySchema,
        response: { 201: commentViewSchema },
      },
      handler: async (request, reply) =>
        reply
          .status(201)
          .send(
            await postComment(
              ctx,
              requirePrincipal(request).actor,
              subject,
              request.params.id,
              request.body,
            ),
          ),
    });
  }
}
