import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  getNonconformance,
  listNonconformances,
  updateNonconformance,
} from './nonconformance.service.js';
import {
  nonconformanceViewSchema,
  updateNonconformanceBodySchema,
} from './nonconformance.schema.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Nonconformances raised from missed critical work, and their handling by Quality. */
export function registerNonconformanceRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/nonconformances', {
    config: { access: { permission: 'work:read' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'Nonconformances, newest first',
      response: { 200: z.object({ items: z.array(nonconformanceViewSchema) }) },
    },
    handler: async () => ({ items: await listNonconformances(ctx) }),
  });
  api.get('/api/v1/nonconformances/:id', {
    config: { access: { permission: 'work:read' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'One nonconformance',
      params: idParams,
      response: { 200: nonconformanceViewSchema },
    },
    handler: async (request) => getNonconformance(ctx, request.params.id),
  });
  api.patch('/api/v1/nonconformances/:id', {
    config: { access: { permission: 'nonconformance:manage' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'Move a nonconformance along open → investigating → closed, or reassign it',
      params: idParams,
      body: updateNonconformanceBodySchema,
      response: { 200: nonconformanceViewSchema },
    },
    handler: async (request) =>
      updateNonconformance(ctx, requirePrincipal(request).actor, request.params.id, request.body),
  });
}
