import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { verifyBodySchema } from '../work-orders/work-order.schema.js';
import {
  accessReviewCampaignViewSchema,
  accessReviewDetailSchema,
  accessReviewItemPageSchema,
  accessReviewPageSchema,
  decideAccessReviewBodySchema,
  decideAccessReviewResultSchema,
  listAccessReviewItemsQuerySchema,
  listAccessReviewsQuerySchema,
  startAccessReviewBodySchema,
} from './access-review.schema.js';
import { decideAccessReview } from './decide-access-review.js';
import {
  getAccessReview,
  listAccessReviewItems,
  listAccessReviews,
} from './list-access-reviews.js';
import { signAccessReview } from './sign-access-review.js';
import { startAccessReview } from './start-access-review.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Quarterly access review campaigns: one system, one quarter, a decision per account, signed. */
export function registerAccessReviewRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'accounts:read' as const } };
  api.get('/api/v1/access-reviews', {
    config: read,
    schema: {
      tags: ['access'],
      summary: 'Access review campaigns with their progress, newest first, a page at a time',
      querystring: listAccessReviewsQuerySchema,
      response: { 200: accessReviewPageSchema },
    },
    handler: async (request) => listAccessReviews(ctx, request.query),
  });
  api.post('/api/v1/access-reviews', {
    config: { access: { permission: 'access-reviews:manage' } },
    schema: {
      tags: ['access'],
      summary:
        "Start a system's access review for a quarter: every account of its latest snapshot becomes an item",
      body: startAccessReviewBodySchema,
      response: { 201: accessReviewCampaignViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await startAccessReview(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/access-reviews/:id', {
    config: read,
    schema: {
      tags: ['access'],
      summary: 'One campaign: progress, signature, and whether the caller may decide and sign',
      params: idParams,
      response: { 200: accessReviewDetailSchema },
    },
    handler: async (request) => getAccessReview(ctx, request.principal, request.params.id),
  });
  api.get('/api/v1/access-reviews/:id/items', {
    config: read,
    schema: {
      tags: ['access'],
      summary: "A campaign's accounts with their decisions, in username order, a page at a time",
      params: idParams,
      querystring: listAccessReviewItemsQuerySchema,
      response: { 200: accessReviewItemPageSchema },
    },
    handler: async (request) => listAccessReviewItems(ctx, request.params.id, request.query),
  });
  api.post('/api/v1/access-reviews/:id/decisions', {
    config: { access: { permission: 'access-reviews:decide' } },
    schema: {
      tags: ['access'],
      summary:
        'Decide keep, revoke or change, with a comment, for the named accounts or every undecided one (owner or delegate)',
      params: idParams,
      body: decideAccessReviewBodySchema,
      response: { 200: decideAccessReviewResultSchema },
    },
    handler: async (request) =>
      decideAccessReview(ctx, requirePrincipal(request), request.params.id, request.body),
  });
  api.post('/api/v1/access-reviews/:id/sign', {
    config: { access: { permission: 'access-reviews:decide' } },
    schema: {
      tags: ['access'],
      summary:
        "Sign a complete campaign (e-signature of the owner or a delegate); satisfies the quarter's access-review occurrence",
      params: idParams,
      body: verifyBodySchema,
      response: { 200: accessReviewCampaignViewSchema },
    },
    handler: async (request) =>
      signAccessReview(ctx, requirePrincipal(request), request.params.id, {
        credentials: signerCredentialsOf(request.body),
        note: request.body.note ?? '',
      }),
  });
}
