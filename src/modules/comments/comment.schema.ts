import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/paging.js';

export const commentViewSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  author: z.object({
    id: z.uuid().nullable().describe('The person who wrote it; null for a token'),
    label: z.string(),
  }),
  createdAt: z.string(),
  mentions: z
    .array(z.object({ id: z.uuid(), name: z.string(), email: z.string() }))
    .describe('The people the comment mentions, each told by e-mail'),
});
export type CommentView = z.infer<typeof commentViewSchema>;

export const postCommentBodySchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'write something')
    .max(10_000, 'at most 10,000 characters')
    .describe('The comment; @e-mail or @Full Name mentions a person, who is told by e-mail'),
});
export type PostCommentInput = z.infer<typeof postCommentBodySchema>;

export const listCommentsQuerySchema = pageQuerySchema;
export type ListCommentsQuery = z.infer<typeof listCommentsQuerySchema>;
