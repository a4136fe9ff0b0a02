import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { applyCatalog } from './apply-catalog.js';
import {
  applyResultSchema,
  catalogPlanSchema,
  controlKeyParamsSchema,
  controlSummarySchema,
  controlViewSchema,
  frameworkKeyParamsSchema,
  frameworkSummarySchema,
  frameworkViewSchema,
  listControlsQuerySchema,
  listFrameworksQuerySchema,
} from './catalog-view.schema.js';
import { catalogSchema } from './catalog.schema.js';
import { getControl, getFramework, listControls, listFrameworks } from './catalog-queries.js';
import { exportCatalog } from './export-catalog.js';
import { planCatalog } from './plan-catalog.js';

/** A whole catalogue as JSON can be large; YAML files of a big organisation stay well below this. */
const CATALOG_BODY_LIMIT = 8 * 1024 * 1024;

/** Frameworks, requirements and controls, and the catalogue as code: plan, apply, export. */
export function registerControlsRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'catalog:read' as const } };
  // The system description: open to an engaged auditor whatever their period.
  const describe = { ...read, engagedAuditor: 'register' as const };
  const manage = { access: { permission: 'catalog:manage' as const } };

  api.get('/api/v1/frameworks', {
    config: describe,
    schema: {
      tags: ['controls'],
      summary: 'List frameworks',
      querystring: listFrameworksQuerySchema,
      response: { 200: z.object({ items: z.array(frameworkSummarySchema) }) },
    },
    handler: async (request) => ({ items: await listFrameworks(ctx, request.query) }),
  });
  api.get('/api/v1/frameworks/:key', {
    config: describe,
    schema: {
      tags: ['controls'],
      summary: 'One framework with its requirements and the controls mapped to each',
      params: frameworkKeyParamsSchema,
      response: { 200: frameworkViewSchema },
    },
    handler: async (request) => getFramework(ctx, request.params.key),
  });
  api.get('/api/v1/controls', {
    config: describe,
    schema: {
      tags: ['controls'],
      summary: 'List controls',
      querystring: listControlsQuerySchema,
      response: { 200: z.object({ items: z.array(controlSummarySchema) }) },
    },
    handler: async (request) => ({ items: await listControls(ctx, request.query) }),
  });
  api.get('/api/v1/controls/:key', {
    config: describe,
    schema: {
      tags: ['controls'],
      summary: 'One control',
      params: controlKeyParamsSchema,
      response: { 200: controlViewSchema },
    },
    handler: async (request) => getControl(ctx, request.params.key),
  });
  api.post('/api/v1/catalog/plan', {
    config: read,
    bodyLimit: CATALOG_BODY_LIMIT,
    schema: {
      tags: ['controls'],
      summary: 'Show what applying a catalogue would add, change and retire; writes nothing',
      body: catalogSchema,
      response: { 200: catalogPlanSchema },
    },
    handler: async (request) => planCatalog(ctx, request.body),
  });
  api.post('/api/v1/catalog/apply', {
    config: manage,
    bodyLimit: CATALOG_BODY_LIMIT,
    schema: {
      tags: ['controls'],
      summary:
        'Make the stored catalogue equal to this one (absent objects are retired); audited, idempotent',
      body: catalogSchema,
      response: { 200: applyResultSchema },
    },
    handler: async (request) =>
      applyCatalog(ctx, requirePrincipal(request).actor, request.body, {
        origin: 'organisation',
      }),
  });
  api.get('/api/v1/catalog/export', {
    config: read,
    schema: {
      tags: ['controls'],
      summary: 'The current catalogue, in the form plan and apply take',
      response: { 200: catalogSchema },
    },
    handler: async () => exportCatalog(ctx),
  });
}
