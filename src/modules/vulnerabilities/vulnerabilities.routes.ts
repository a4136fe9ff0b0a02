import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import { approveFindingException, requestFindingException } from './finding-exceptions.js';
import { importVulnerabilityScan, MAX_SCAN_IMPORT_BYTES } from './import-vulnerability-scan.js';
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

function isReadable(body: unknown): body is Readable {
  return body instanceof Readable;
}

/** Reads and drops the rest of a refused report, so the client receives the 400, not a reset. */
async function discardRest(input: Readable): Promise<void> {
  if (input.readableEnded || input.destroyed) return;
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    size += chunk.length;
    if (size > MAX_SCAN_IMPORT_BYTES) break;
  }
}

/**
 * Scanner reports and the findings they record. Importing a scan starts SLA clocks, so it takes
 * `events:record` (engineering, security, quality, admin); findings are read with `work:read`;
 * an exception is requested with `work:perform` and approved by signature with `work:verify`
 * (by Security, not the requester: finding-exception-rule.ts).
 */
export function registerVulnerabilityRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'work:read' as const } };

  // The import streams the report: this scope hands the body over unread, whatever its type.
  void api.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => parsed(null, payload));
    asApi(scope).post('/api/v1/scans/import', {
      config: { access: { permission: 'events:record' } },
      schema: {
        tags: ['vulnerabilities'],
        summary: `Import a scanner's report as it writes it (Trivy --format json, Grype -o json, SARIF 2.1.0; the request body, at most ${MAX_SCAN_IMPORT_BYTES / 1024 / 1024} MB); nothing is stored if any of it is malformed or no asset matches`,
        querystring: importScanQuerySchema,
        response: { 200: importScanResultSchema, 201: importScanResultSchema },
      },
      handler: async (request, reply) => {
        const declaredLength = Number(request.headers['content-length'] ?? '0');
        if (declaredLength > MAX_SCAN_IMPORT_BYTES) {
          throw new AppError(
            'payload_too_large',
            `The report is larger than ${MAX_SCAN_IMPORT_BYTES / 1024 / 1024} MB; split the scan and import the parts`,
          );
        }
        const body = request.body;
        const input = isReadable(body) ? body : request.raw;
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
          await discardRest(input);
          throw error;
        }
      },
    });
    done();
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
