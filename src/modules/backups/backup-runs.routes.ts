import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  discardRest,
  refuseDeclaredLength,
  registerStreamingRoutes,
  streamedBody,
} from '../../platform/http/streamed-body.js';
import {
  backupRunPageSchema,
  backupRunViewSchema,
  importBackupRunsQuerySchema,
  importBackupRunsResultSchema,
  type ImportBackupRunsResult,
  listBackupRunsQuerySchema,
  parseRecordBackupRunsBody,
  recordBackupRunsBodySchema,
  recordBackupRunsResultSchema,
} from './backup-run.schema.js';
import { backupImportTooLarge, importBackupRuns, MAX_IMPORT_BYTES } from './import-backup-runs.js';
import { getBackupRun, listBackupRuns } from './list-backup-runs.js';
import { recordBackupRuns } from './record-backup-runs.js';
import { assertWithinEngagement, engagementPeriod } from '../../platform/http/engagement.js';

/** 10,000 runs in Plumbline's JSON shape are about 4 MB; the import route streams larger sets. */
const RECORD_BODY_LIMIT = 16 * 1024 * 1024;

const idParams = z.object({ id: z.uuid() });

/** Backup runs: posted by backup jobs (`backups:write`), read by people (`backups:read`). */
export function registerBackupRunRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'backups:read' as const } };
  const write = { access: { permission: 'backups:write' as const } };

  api.post('/api/v1/backup-runs', {
    config: write,
    bodyLimit: RECORD_BODY_LIMIT,
    // The body (this route's only input) is checked by parseRecordBackupRunsBody, which names the
    // failing field of the shape the caller chose (`body.runs.3.status`); zod's union would only
    // say "matches neither". The union schema still documents both shapes.
    validatorCompiler: () => (data: unknown) => ({ value: data }),
    schema: {
      tags: ['backups'],
      summary:
        'Record one backup run, or { runs: [...] } (at most 10,000), idempotent on (tool, externalId); 201 when something new was stored',
      body: recordBackupRunsBodySchema,
      response: { 200: recordBackupRunsResultSchema, 201: recordBackupRunsResultSchema },
    },
    handler: async (request, reply) => {
      const parsed = parseRecordBackupRunsBody(request.body);
      if (!parsed.ok) {
        throw new AppError(
          'validation_failed',
          `The request is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          { issues: parsed.issues },
        );
      }
      const single = !(
        typeof request.body === 'object' &&
        request.body !== null &&
        'runs' in request.body
      );
      const result = await recordBackupRuns(ctx, requirePrincipal(request).actor, parsed.runs, {
        single,
      });
      return reply.status(result.created > 0 ? 201 : 200).send(result);
    },
  });

  // The import streams the tool's output: this scope hands the request body over unread, whatever
  // its content type, and the use case parses it as it arrives (limit: MAX_IMPORT_BYTES).
  registerStreamingRoutes(api, (scope) => {
    scope.post('/api/v1/backup-runs/import', {
      config: write,
      schema: {
        tags: ['backups'],
        summary: `Import a backup tool's raw output (the request body, any content type, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB); nothing is stored if any of it is malformed`,
        querystring: importBackupRunsQuerySchema,
        response: { 200: importBackupRunsResultSchema, 201: importBackupRunsResultSchema },
      },
      handler: async (request, reply) => {
        refuseDeclaredLength(request, MAX_IMPORT_BYTES, backupImportTooLarge);
        // Without a content type Fastify runs no parser: the body then still waits, unread, in the
        // raw request, and must not be dropped.
        const input = streamedBody(request);
        let result: ImportBackupRunsResult;
        try {
          result = await importBackupRuns(ctx, requirePrincipal(request).actor, input, {
            format: request.query.format,
            defaultAssetKey: request.query.asset,
            dryRun: request.query.dryRun,
            allowEmpty: request.query.allowEmpty,
          });
        } catch (error) {
          await discardRest(input, MAX_IMPORT_BYTES);
          throw error;
        }
        return reply.status(result.created > 0 && !result.dryRun ? 201 : 200).send(result);
      },
    });
  });

  api.get('/api/v1/backup-runs', {
    config: { ...read, engagedAuditor: 'period' },
    schema: {
      tags: ['backups'],
      summary: 'Backup runs, newest first, a page at a time (keyset cursor)',
      querystring: listBackupRunsQuerySchema,
      response: { 200: backupRunPageSchema },
    },
    handler: async (request) =>
      listBackupRuns(ctx, request.query, engagementPeriod(request.principal)),
  });
  api.get('/api/v1/backup-runs/:id', {
    config: { ...read, engagedAuditor: 'period' },
    schema: {
      tags: ['backups'],
      summary: 'One backup run',
      params: idParams,
      response: { 200: backupRunViewSchema },
    },
    handler: async (request) => {
      const run = await getBackupRun(ctx, request.params.id);
      assertWithinEngagement(request.principal, { at: run.startedAt });
      return run;
    },
  });
}
