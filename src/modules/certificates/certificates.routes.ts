import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  discardRest,
  registerStreamingRoutes,
  streamedBody,
} from '../../platform/http/streamed-body.js';
import {
  certificateDetailSchema,
  certificatePageSchema,
  createEndpointBodySchema,
  endpointPageSchema,
  endpointViewSchema,
  importCertificatesQuerySchema,
  importCertificatesResultSchema,
  listCertificatesQuerySchema,
  listEndpointsQuerySchema,
  probeResultSchema,
} from './certificate.schema.js';
import {
  createEndpoint,
  getCertificate,
  listCertificates,
  listEndpoints,
} from './certificate.service.js';
import { importCertificates } from './import-certificates.js';
import { MAX_PEM_BYTES } from './parse-pem.js';
import { probeEndpoints } from './probe-endpoints.js';
import { createTlsProber } from './probe-tls.js';

const idParams = z.object({ id: z.uuid() });

/** The certificate inventory and TLS endpoints: part of the register (read and write like it). */
export function registerCertificateRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  const write = { access: { permission: 'register:write' as const } };
  const importAccess = { access: { permission: 'register:import' as const } };

  api.get('/api/v1/certificates', {
    config: read,
    schema: {
      tags: ['certificates'],
      summary: 'Certificates, soonest expiry first (current ones unless includeSuperseded)',
      querystring: listCertificatesQuerySchema,
      response: { 200: certificatePageSchema },
    },
    handler: (request) => listCertificates(ctx, request.query),
  });

  api.get('/api/v1/certificates/:id', {
    config: read,
    schema: {
      tags: ['certificates'],
      summary: 'One certificate with its PEM, endpoints presenting it and renewal occurrences',
      params: idParams,
      response: { 200: certificateDetailSchema },
    },
    handler: (request) => getCertificate(ctx, request.params.id),
  });

  // The PEM text reaches the use case unread, whatever its content type, and is parsed as it arrives.
  registerStreamingRoutes(api, (scope) => {
    scope.post('/api/v1/certificates/import', {
      config: importAccess,
      schema: {
        tags: ['certificates'],
        summary: `Import the certificates of a PEM chain or bundle (the request body, at most ${MAX_PEM_BYTES / 1024 / 1024} MB); idempotent on the fingerprint; nothing is stored if any block is malformed or a private key`,
        querystring: importCertificatesQuerySchema,
        response: { 200: importCertificatesResultSchema, 201: importCertificatesResultSchema },
      },
      handler: async (request, reply) => {
        const input = streamedBody(request);
        try {
          const result = await importCertificates(ctx, requirePrincipal(request).actor, input, {
            assetKey: request.query.asset,
          });
          return await reply.status(result.created > 0 ? 201 : 200).send(result);
        } catch (error) {
          await discardRest(input, MAX_PEM_BYTES);
          throw error;
        }
      },
    });
  });

  api.get('/api/v1/tls-endpoints', {
    config: read,
    schema: {
      tags: ['certificates'],
      summary: 'TLS endpoints by host and port, each with its last probe',
      querystring: listEndpointsQuerySchema,
      response: { 200: endpointPageSchema },
    },
    handler: (request) => listEndpoints(ctx, request.query),
  });

  api.post('/api/v1/tls-endpoints', {
    config: write,
    schema: {
      tags: ['certificates'],
      summary: 'Add a TLS endpoint (host, port, asset) for the probe job',
      body: createEndpointBodySchema,
      response: { 201: endpointViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createEndpoint(ctx, requirePrincipal(request).actor, request.body)),
  });

  api.post('/api/v1/tls-endpoints/:id/probe', {
    config: write,
    schema: {
      tags: ['certificates'],
      summary: 'Probe one endpoint now and record what it presents',
      params: idParams,
      response: { 200: probeResultSchema },
    },
    handler: async (request) => {
      const [result] = await probeEndpoints(ctx, createTlsProber(), {
        actor: requirePrincipal(request).actor,
        endpointIds: [request.params.id],
      });
      if (!result) throw notFound('TLS endpoint');
      return result;
    },
  });
}
