import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { registerKeySchema } from './asset.schema.js';
import { supplierInputSchema, supplierPatchSchema, supplierViewSchema } from './supplier.schema.js';
import { createSupplier, getSupplier, listSuppliers, updateSupplier } from './supplier.service.js';

const keyParams = z.object({ key: registerKeySchema });

export function registerSupplierRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  // The system description: open to an engaged auditor whatever their period.
  const describe = { ...read, engagedAuditor: 'register' as const };
  const write = { access: { permission: 'register:write' as const } };
  api.get('/api/v1/suppliers', {
    config: describe,
    schema: {
      tags: ['register'],
      summary: 'Suppliers by name, a page at a time',
      querystring: pageQuerySchema,
      response: { 200: pageSchema(supplierViewSchema) },
    },
    handler: async (request) => listSuppliers(ctx, request.query),
  });
  api.post('/api/v1/suppliers', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Create a supplier',
      body: supplierInputSchema,
      response: { 201: supplierViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createSupplier(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/suppliers/:key', {
    config: describe,
    schema: {
      tags: ['register'],
      summary: 'One supplier',
      params: keyParams,
      response: { 200: supplierViewSchema },
    },
    handler: async (request) => getSupplier(ctx, request.params.key),
  });
  api.patch('/api/v1/suppliers/:key', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Change a supplier',
      params: keyParams,
      body: supplierPatchSchema,
      response: { 200: supplierViewSchema },
    },
    handler: async (request) =>
      updateSupplier(ctx, requirePrincipal(request).actor, request.params.key, request.body),
  });
}
