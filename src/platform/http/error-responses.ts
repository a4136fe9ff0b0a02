import type { SwaggerTransform } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { errorBodySchema } from './api-types.js';

/** The OpenAPI component every documented error response refers to. */
export const ERROR_SCHEMA_REF = '#/components/schemas/Error';

export const errorComponentSchema = z.toJSONSchema(errorBodySchema, { target: 'openapi-3.0' });

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: `validation_failed` names each field (`issues`)',
  401: 'Not signed in, or the session needs its second factor (`unauthenticated`, `mfa_required`)',
  403: 'The role may not do this, or an engaged auditor asked outside the engagement',
  404: 'No such record (`not_found`)',
  409: 'The record is not in a state that allows this (`conflict`; the message says why)',
  413: 'The body is larger than allowed (`payload_too_large`)',
  429: 'Too many attempts (`rate_limited`)',
  500: 'An internal error, or an evidence file that failed its integrity check (`evidence_corrupt`)',
  507: 'The server could not store the change: disk or database full (`storage_full`)',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error statuses a route can answer with, from what it declares (access, params, method). */
export function errorStatusesOf(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): number[] {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((method) =>
    String(method).toUpperCase(),
  );
  const writes = methods.some((method) => WRITES.has(method));
  const access = route.config?.access;
  const statuses = [400];
  if (access !== 'public') statuses.push(401, 403);
  if (route.url.includes(':')) statuses.push(404);
  if (writes) statuses.push(409, 413);
  if (access === 'signing-in' || route.url.includes('/auth/')) statuses.push(429);
  statuses.push(500);
  if (writes) statuses.push(507);
  return statuses;
}

/**
 * Wraps the schema transform of the OpenAPI document so that every route documents its error
 * responses with the one error body (`components.schemas.Error`), unless the route says otherwise
 * for a status itself.
 */
export function withErrorResponses(transform: SwaggerTransform): SwaggerTransform {
  return (input) => {
    const out = transform(input);
    const schema = out.schema as Record<string, unknown>;
    if (schema.hide === true) return out;
    const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
    for (const status of errorStatusesOf(input.route)) {
      if (response[status] !== undefined) continue;
      response[status] = {
        description: DESCRIPTIONS[status],
        content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
      };
    }
    return { ...out, schema: { ...schema, response } };
  };
}
