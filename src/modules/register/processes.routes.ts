import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { okSchema, type Api } from '../../platform/http/api-types.js';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { registerKeySchema } from './asset.schema.js';
import {
  exportMatrixCsv,
  linkAssetToProcess,
  listMatrix,
  unlinkMatrixRow,
  updateMatrixRow,
} from './matrix.service.js';
import {
  matrixQuerySchema,
  matrixRowInputSchema,
  matrixRowPatchSchema,
  matrixRowViewSchema,
  processInputSchema,
  processPatchSchema,
  processViewSchema,
} from './process.schema.js';
import { createProcess, getProcess, listProcesses, updateProcess } from './process.service.js';

const keyParams = z.object({ key: registerKeySchema });
const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Processes and the process-to-infrastructure matrix. */
export function registerProcessRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  // The system description: open to an engaged auditor whatever their period.
  const describe = { ...read, engagedAuditor: 'register' as const };
  const exportFile = { ...read, engagedAuditor: 'download' as const };
  const write = { access: { permission: 'register:write' as const } };

  api.get('/api/v1/processes', {
    config: describe,
    schema: {
      tags: ['register'],
      summary: 'Processes by name, a page at a time',
      querystring: pageQuerySchema,
      response: { 200: pageSchema(processViewSchema) },
    },
    handler: async (request) => listProcesses(ctx, request.query),
  });
  api.post('/api/v1/processes', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Create a process',
      body: processInputSchema,
      response: { 201: processViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createProcess(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/processes/:key', {
    config: describe,
    schema: {
      tags: ['register'],
      summary: 'One process',
      params: keyParams,
      response: { 200: processViewSchema },
    },
    handler: async (request) => getProcess(ctx, request.params.key),
  });
  api.patch('/api/v1/processes/:key', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Change a process',
      params: keyParams,
      body: processPatchSchema,
      response: { 200: processViewSchema },
    },
    handler: async (request) =>
      updateProcess(ctx, requirePrincipal(request).actor, request.params.key, request.body),
  });

  api.get('/api/v1/matrix', {
    config: describe,
    schema: {
      tags: ['register'],
      summary:
        'The process-to-infrastructure matrix, optionally for one process or one asset, a page at a time',
      querystring: matrixQuerySchema.extend(pageQuerySchema.shape),
      response: { 200: pageSchema(matrixRowViewSchema) },
    },
    handler: async (request) => listMatrix(ctx, request.query),
  });
  api.get('/api/v1/matrix/export.csv', {
    config: exportFile,
    schema: { tags: ['register'], summary: 'The matrix as CSV' },
    handler: async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="process-infrastructure-matrix.csv"')
        .send(await exportMatrixCsv(ctx)),
  });
  api.post('/api/v1/matrix', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Link an asset to a process',
      body: matrixRowInputSchema,
      response: { 201: matrixRowViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await linkAssetToProcess(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.patch('/api/v1/matrix/:id', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Change a matrix row',
      params: idParams,
      body: matrixRowPatchSchema,
      response: { 200: matrixRowViewSchema },
    },
    handler: async (request) =>
      updateMatrixRow(ctx, requirePrincipal(request).actor, request.params.id, request.body),
  });
  api.delete('/api/v1/matrix/:id', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Remove a matrix row',
      params: idParams,
      response: { 200: okSchema },
    },
    handler: async (request) => {
      await unlinkMatrixRow(ctx, requirePrincipal(request).actor, request.params.id);
      return { ok: true as const };
    },
  });
}
