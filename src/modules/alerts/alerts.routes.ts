import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { readRawBody } from '../../platform/http/raw-body.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import {
  alertDeliveryViewSchema,
  alertPageSchema,
  alertViewSchema,
  importAlertsQuerySchema,
  importAlertsResultSchema,
  listAlertsQuerySchema,
  MAX_WEBHOOK_BYTES,
} from './alert.schema.js';
import { registerIncidentRoutes } from '../incidents/incidents.routes.js';
import { ingestAlerts } from './ingest-alerts.js';
import { getAlert, getAlertDelivery, listAlerts } from './list-alerts.js';

const idParams = z.object({ id: z.uuid() });

const tooLarge = () =>
  new AppError(
    'payload_too_large',
    `The webhook body is larger than ${MAX_WEBHOOK_BYTES / 1024 / 1024} MB; lower max_alerts in the receiver (webhook_configs) so each notification carries fewer alerts`,
  );

/** The body as the tool sent it, as text, refused (413) past the limit. */
async function readWebhookBody(payload: IncomingMessage): Promise<string> {
  return (await readRawBody(payload, MAX_WEBHOOK_BYTES, tooLarge)).toString('utf8');
}

/**
 * Monitoring alerts, incidents and the on-call rota (docs/incidents.md): one registration for the
 * composition root.
 */
export function registerMonitoringRoutes(api: Api, ctx: AppContext): void {
  registerAlertRoutes(api, ctx);
  registerIncidentRoutes(api, ctx);
}

/** Monitoring alerts: posted by Alertmanager or Grafana (`alerts:write`), read by people. */
export function registerAlertRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'alerts:read' as const } };
  const write = { access: { permission: 'alerts:write' as const } };

  // The webhook body is kept byte for byte (evidence): this scope hands it over as text, whatever
  // its content type, and the use case parses it.
  void api.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => {
      readWebhookBody(payload).then(
        (text) => parsed(null, text),
        (error: Error) => parsed(error, undefined),
      );
    });
    asApi(scope).post('/api/v1/alerts/import', {
      config: write,
      bodyLimit: MAX_WEBHOOK_BYTES * 2,
      schema: {
        tags: ['alerts'],
        summary: `Record a monitoring tool's webhook body as sent (Alertmanager webhook v4, Grafana Alerting webhook; at most ${MAX_WEBHOOK_BYTES / 1024 / 1024} MB); idempotent, nothing stored if it is malformed`,
        querystring: importAlertsQuerySchema,
        response: { 200: importAlertsResultSchema, 201: importAlertsResultSchema },
      },
      handler: async (request, reply) => {
        const declaredLength = Number(request.headers['content-length'] ?? '0');
        if (declaredLength > MAX_WEBHOOK_BYTES) throw tooLarge();
        // Without a content type Fastify runs no parser: the body still waits in the raw request.
        const body =
          typeof request.body === 'string' ? request.body : await readWebhookBody(request.raw);
        const result = await ingestAlerts(ctx, requirePrincipal(request).actor, body, {
          format: request.query.format,
          assetLabels: request.query.assetLabels?.split(','),
        });
        return reply.status(result.created + result.resolved > 0 ? 201 : 200).send(result);
      },
    });
    done();
  });

  api.get('/api/v1/alerts', {
    config: read,
    schema: {
      tags: ['alerts'],
      summary:
        'Alerts, newest received first, a page at a time (keyset cursor); unmapped=true for those no asset took',
      querystring: listAlertsQuerySchema,
      response: { 200: alertPageSchema },
    },
    handler: async (request) => listAlerts(ctx, request.query),
  });
  api.get('/api/v1/alerts/:id', {
    config: read,
    schema: {
      tags: ['alerts'],
      summary: 'One alert',
      params: idParams,
      response: { 200: alertViewSchema },
    },
    handler: async (request) => getAlert(ctx, request.params.id),
  });
  api.get('/api/v1/alert-deliveries/:id', {
    config: read,
    schema: {
      tags: ['alerts'],
      summary:
        'A webhook body exactly as it was received (as a JSON string: evidence, never markup)',
      params: idParams,
      response: { 200: alertDeliveryViewSchema },
    },
    handler: async (request) => getAlertDelivery(ctx, request.params.id),
  });
}
