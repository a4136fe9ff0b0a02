import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { engagementWindow } from '../../platform/http/engagement.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import { auditEventViewSchema } from '../audit-log/audit-log.schema.js';
import { getAsset, listAssets } from './asset-queries.js';
import {
  assetInputSchema,
  assetPatchSchema,
  assetViewSchema,
  listAssetsQuerySchema,
  registerKeySchema,
} from './asset.schema.js';
import { createAsset } from './create-asset.js';
import { exportAssetsCsv } from './export-assets.js';
import { getAssetHistory } from './get-asset-history.js';
import { importAssetsCsv } from './import-assets.js';
import { markAssetPreExisting } from './mark-asset-pre-existing.js';
import { updateAsset } from './update-asset.js';

const keyParams = z.object({ key: registerKeySchema });
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;
const CSV_CONTENT_TYPES = ['text/csv', 'text/plain'];

const importReportSchema = z.object({
  dryRun: z.boolean(),
  partial: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  errors: z.array(
    z.object({ line: z.number(), column: z.string().nullable(), message: z.string() }),
  ),
  written: z.boolean(),
});

const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

export function registerAssetRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  // The system description: open to an engaged auditor whatever their period.
  const describe = { ...read, engagedAuditor: 'register' as const };
  const exportFile = { ...read, engagedAuditor: 'download' as const };
  const write = { access: { permission: 'register:write' as const } };

  api.get('/api/v1/assets', {
    config: describe,
    schema: {
      tags: ['register'],
      summary:
        'List assets in key order (a page of them, with the total matching the filters and the cursor of the next page)',
      querystring: listAssetsQuerySchema,
      response: {
        200: z.object({
          items: z.array(assetViewSchema),
          total: z.number(),
          nextCursor: z
            .string()
            .nullable()
            .describe('Pass as cursor for the next page; null on the last page'),
        }),
      },
    },
    handler: async (request) => listAssets(ctx, request.query),
  });
  api.post('/api/v1/assets', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Create an asset',
      body: assetInputSchema,
      response: { 201: assetViewSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createAsset(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/assets/export.csv', {
    config: exportFile,
    schema: { tags: ['register'], summary: 'Every asset as CSV, in the import format' },
    handler: async (_request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="assets.csv"')
        .send(await exportAssetsCsv(ctx)),
  });
  // The importer must see the bytes as sent, so that a file that is not UTF-8 is refused instead of
  // decoded lossily (a Latin-1 "é" would silently become U+FFFD): this route reads CSV as a Buffer.
  void api.register((scope, _options, done) => {
    scope.removeContentTypeParser(CSV_CONTENT_TYPES);
    scope.addContentTypeParser(CSV_CONTENT_TYPES, { parseAs: 'buffer' }, (_request, body, parsed) =>
      parsed(null, body),
    );
    asApi(scope).post('/api/v1/assets/import', {
      config: { access: { permission: 'register:import' } },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['register'],
        summary:
          'Import assets from CSV (body text/csv), upserting by key; nothing is written if a row is bad unless partial=true',
        querystring: z.object({ dryRun: booleanQuery, partial: booleanQuery }),
        response: { 200: importReportSchema, 400: importReportSchema },
      },
      handler: async (request, reply) => {
        const body = request.body;
        const content = Buffer.isBuffer(body)
          ? body
          : Buffer.from(typeof body === 'string' ? body : '', 'utf8');
        const report = await importAssetsCsv(ctx, requirePrincipal(request).actor, content, {
          dryRun: request.query.dryRun,
          partial: request.query.partial,
        });
        // A dry run always answers 200 with its report; a real import with bad rows (and no
        // `partial`) answers 400 because nothing was written.
        const refused = report.errors.length > 0 && !report.partial && !report.dryRun;
        return reply.status(refused ? 400 : 200).send(report);
      },
    });
    done();
  });
  api.get('/api/v1/assets/:key', {
    config: describe,
    schema: {
      tags: ['register'],
      summary: 'One asset',
      params: keyParams,
      response: { 200: assetViewSchema },
    },
    handler: async (request) => getAsset(ctx, request.params.key),
  });
  api.patch('/api/v1/assets/:key', {
    config: write,
    schema: {
      tags: ['register'],
      summary: 'Change an asset',
      params: keyParams,
      body: assetPatchSchema,
      response: { 200: assetViewSchema },
    },
    handler: async (request) =>
      updateAsset(ctx, requirePrincipal(request).actor, request.params.key, request.body),
  });
  api.post('/api/v1/assets/:key/pre-existing', {
    config: write,
    schema: {
      tags: ['register'],
      summary:
        'Mark an asset as running before its provisioning was tracked, with the reason, so it may enter service without a provisioning request',
      params: keyParams,
      body: z.object({
        reason: z
          .string()
          .trim()
          .min(1, 'is required')
          .max(2000, 'must be at most 2000 characters'),
      }),
      response: {
        201: z.object({
          key: z.string(),
          reason: z.string(),
          markedAt: z.string(),
          markedBy: z.string(),
        }),
      },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await markAssetPreExisting(
            ctx,
            requirePrincipal(request).actor,
            request.params.key,
            request.body.reason,
          ),
        ),
  });
  // Raw audit events: an engaged auditor gets those recorded in their period, as every list.
  api.get('/api/v1/assets/:key/history', {
    config: { ...read, engagedAuditor: 'period' },
    schema: {
      tags: ['register'],
      summary:
        'Every recorded change of an asset and of its matrix links, newest first (an engaged auditor: those recorded in the period)',
      params: keyParams,
      response: { 200: z.object({ items: z.array(auditEventViewSchema) }) },
    },
    handler: async (request) => ({
      items: await getAssetHistory(ctx, request.params.key, engagementWindow(request.principal)),
    }),
  });
}
