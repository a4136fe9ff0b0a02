import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { respondToReviewItem } from './respond-to-review-item.js';
import {
  respondToReviewBodySchema,
  reviewCampaignViewSchema,
  reviewItemViewSchema,
  startReviewBodySchema,
} from './review.schema.js';
import { closeReviewCampaign, getReviewCampaign, listReviewCampaigns } from './review.service.js';
import { startReviewCampaign } from './start-review-campaign.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Inventory review campaigns. */
export function registerReviewRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  const manage = { access: { permission: 'review:manage' as const } };
  api.get('/api/v1/reviews', {
    config: read,
    schema: {
      tags: ['reviews'],
      summary: 'Inventory review campaigns with progress',
      response: { 200: z.object({ items: z.array(reviewCampaignViewSchema) }) },
    },
    handler: async () => ({ items: await listReviewCampaigns(ctx) }),
  });
  api.post('/api/v1/reviews', {
    config: manage,
    schema: {
      tags: ['reviews'],
      summary: 'Start an inventory review campaign',
      body: startReviewBodySchema,
      response: { 201: reviewCampaignViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await startReviewCampaign(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/reviews/:id', {
    config: read,
    schema: {
      tags: ['reviews'],
      summary: 'One campaign with its items',
      params: idParams,
      response: { 200: reviewCampaignViewSchema.extend({ items: z.array(reviewItemViewSchema) }) },
    },
    handler: async (request) => getReviewCampaign(ctx, request.params.id),
  });
  api.post('/api/v1/reviews/:id/items/:itemId', {
    config: { access: { permission: 'review:respond' } },
    schema: {
      tags: ['reviews'],
      summary: 'Confirm or correct one asset’s record',
      params: idParams.extend({ itemId: z.uuid('must be a UUID') }),
      body: respondToReviewBodySchema,
      response: { 200: reviewItemViewSchema },
    },
    handler: async (request) =>
      respondToReviewItem(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        request.params.itemId,
        request.body,
      ),
  });
  api.post('/api/v1/reviews/:id/close', {
    config: manage,
    schema: {
      tags: ['reviews'],
      summary: 'Close a campaign',
      params: idParams,
      response: { 200: reviewCampaignViewSchema },
    },
    handler: async (request) =>
      closeReviewCampaign(ctx, requirePrincipal(request).actor, request.params.id),
  });
}
