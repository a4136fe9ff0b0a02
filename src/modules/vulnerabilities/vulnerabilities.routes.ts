import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  discardRest,
  refuseDeclaredLength,
  registerStreamingRoutes,
  streamedBody,
} from '../../platform/http/streamed-body.js';
import { approveFindingException, requestFindingException } from './finding-exceptions.js';
import {
  importVulnerabilityScan,
  MAX_SCAN_IMPORT_BYTES,
  scanImportTooLarge,
} from './import-vulnerability-scan.js';
import { getFinding, listFindings } from './list-findings.js';
import {
  approveExceptionBodySchema,
  findingDetailSchema,
  findingPageSchema,
  importScanQuerySchema,
  importScanResultSchema,
  listFindingsQuerySchema,
  requestExceptionBodySchema,
} from './vulnerability.schema.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid() });
const exceptionParams = z.object({ id: z.uuid(), exceptionId: z.uuid() });

/**
 * Scanner reports and the findings they record. Importing a scan starts SLA clocks, so it takes
 * `events:record` (engineering, security, quality, admin); findings are read with `work:read`;
 * an exception is requested with `work:perform` and approved by signature with `work:verify`
 * (by Security, not the requester: finding-exception-rule.ts).
 */
export function registerVulnerabilityRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'work:read' as const } };

  // The import streams the report: this scope hands the body over unread, whatever its type.
  registerStreamingRoutes(api, (scope) => {
    scope.post('/api/v1/scans/import', {
      config: { access: { permission: 'events:record' } },
      schema: {
        tags: ['vulnerabilities'],
        summary: `Import a scanner's report as it writes it (Trivy --format json, Grype -o json, SARIF 2.1.0; the request body, at most ${MAX_SCAN_IMPORT_BYTES / 1024 / 1024} MB); nothing is stored if any of it is malformed or no asset matches`,
        querystring: importScanQuerySchema,
        response: { 200: importScanResultSchema, 201: importScanResultSchema },
      },
      handler: async (request, reply) => {
        refuseDeclaredLength(request, MAX_SCAN_IMPORT_BYTES, scanImportTooLarge);
        const input = streamedBody(request);
        try {
          const result = await importVulnerabilityScan(
            ctx,
            requirePrincipal(request).actor,
            input,
            {
              format: request.query.format,
              assetKey: request.query.asset,
            },
          );
          return await reply.status(result.created > 0 ? 201 : 200).send(result);
        } catch (error) {
          await discardRest(input, MAX_SCAN_IMPORT_BYTES);
          throw error;
        }
      },
    });
  });

  api.get('/api/v1/findings', {
    config: read,
    schema: {
      tags: ['vulnerabilities'],
      summary:
        'Vulnerability findings, most recently detected first, a page at a time (keyset cursor)',
      querystring: listFindingsQuerySchema,
      response: { 200: findingPageSchema },
    },
    handler: async (request) => listFindings(ctx, request.query),
  });
  api.get('/api/v1/findings/:id', {
    config: read,
    schema: {
      tags: ['vulnerabilities'],
      summary: 'One finding, with its exceptions and who may approve them',
      params: idParams,
      response: { 200: findingDetailSchema },
    },
    handler: async (request) => getFinding(ctx, request.principal ?? null, request.params.id),
  });
  api.post('/api/v1/findings/:id/exceptions', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['vulnerabilities'],
      summary:
        'Request a risk acceptance of an unfixed finding: a reason and an expiry (approved by signature)',
      params: idParams,
      body: requestExceptionBodySchema,
      response: { 201: findingDetailSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await requestFindingException(
            ctx,
            requirePrincipal(request),
            request.params.id,
            request.body,
          ),
        ),
  });
  api.post('/api/v1/findings/:id/exceptions/:exceptionId/approve', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['vulnerabilities'],
      summary: 'Approve a requested exception with an e-signature (Security, not the requester)',
      params: exceptionParams,
      body: approveExceptionBodySchema,
      response: { 200: findingDetailSchema },
    },
    handler: async (request) =>
      approveFindingException(
        ctx,
        requirePrincipal(request),
        { findingId: request.params.id, exceptionId: request.params.exceptionId },
        {
          credentials: signerCredentialsOf(request.body),
          note: request.body.note ?? '',
        },
      ),
  });
}
