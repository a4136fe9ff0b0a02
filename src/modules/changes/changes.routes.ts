import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import { readRawBody } from '../../platform/http/raw-body.js';
import { registerEvidenceUploads } from '../attachments/attachments.routes.js';
import { approveChange } from './approve-change.js';
import { changeEvidence } from './change-evidence.js';
import { listChangeEvents } from './change-events.service.js';
import {
  approveChangeBodySchema,
  changeDetailSchema,
  changeEventPageSchema,
  changeEventResultSchema,
  changePageSchema,
  closeChangeBodySchema,
  createChangeBodySchema,
  listChangeEventsQuerySchema,
  listChangesQuerySchema,
  verifyChangeBodySchema,
} from './change.schema.js';
import { getChange, listChanges } from './change.service.js';
import { closeChange } from './close-change.js';
import { createChange } from './create-change.js';
import { assertDeliverySigned, SIGNATURE_HEADER } from './delivery-signature.js';
import { MAX_CHANGE_EVENT_BYTES, readDeliveryEvent } from './delivery-events.js';
import { implementChange } from './implement-change.js';
import { recordChangeEvent } from './record-change-event.js';
import { verifyChange } from './verify-change.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid() });

const tooLarge = () =>
  new AppError(
    'payload_too_large',
    `The event body is larger than ${MAX_CHANGE_EVENT_BYTES / 1024 / 1024} MB; send the webhook for pull_request and deployment_status events only`,
  );

const header = (value: string | string[] | undefined) =>
  typeof value === 'string' ? value : undefined;

/** Change records and the delivery pipelines' events (docs/changes.md). */
export function registerChangeRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'changes:read' as const } };
  const manage = { access: { permission: 'changes:manage' as const } };

  api.get('/api/v1/changes', {
    config: read,
    schema: {
      tags: ['changes'],
      summary: 'Changes, newest requested first, a page at a time',
      querystring: listChangesQuerySchema,
      response: { 200: changePageSchema },
    },
    handler: async (request) => listChanges(ctx, request.query),
  });
  api.post('/api/v1/changes', {
    config: manage,
    schema: {
      tags: ['changes'],
      summary: 'Request a change; it is approved by someone else before it is implemented',
      body: createChangeBodySchema,
      response: { 201: changeDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createChange(ctx, principal, request.body);
      return reply.status(201).send(await getChange(ctx, id, principal));
    },
  });
  api.get('/api/v1/changes/events', {
    config: read,
    schema: {
      tags: ['changes'],
      summary:
        'Delivery events received (merged pull requests, deployments), newest first; flagged=true for production deployments without an approved change',
      querystring: listChangeEventsQuerySchema,
      response: { 200: changeEventPageSchema },
    },
    handler: async (request) => listChangeEvents(ctx, request.query),
  });

  // The signature covers the raw bytes: this scope hands the body over unparsed, whatever its
  // content type, and nothing is read from it before the signature is checked.
  void api.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => {
      readRawBody(payload, MAX_CHANGE_EVENT_BYTES, tooLarge).then(
        (body) => parsed(null, body),
        (error: Error) => parsed(error, undefined),
      );
    });
    asApi(scope).post('/api/v1/changes/events', {
      config: { access: 'signed-body' },
      bodyLimit: MAX_CHANGE_EVENT_BYTES * 2,
      schema: {
        tags: ['changes'],
        // No token or session: the X-Hub-Signature-256 HMAC of the body is the credential.
        security: [],
        summary: `Receive a GitHub pull_request or deployment_status webhook (X-GitHub-Event), or a plain JSON deploy event, signed by X-Hub-Signature-256 (HMAC-SHA256 of the raw body); at most ${MAX_CHANGE_EVENT_BYTES / 1024 / 1024} MB; idempotent on the delivery id`,
        response: { 200: changeEventResultSchema, 201: changeEventResultSchema },
      },
      handler: async (request, reply) => {
        const declaredLength = Number(request.headers['content-length'] ?? '0');
        if (declaredLength > MAX_CHANGE_EVENT_BYTES) throw tooLarge();
        const body = Buffer.isBuffer(request.body)
          ? request.body
          : await readRawBody(request.raw, MAX_CHANGE_EVENT_BYTES, tooLarge);
        assertDeliverySigned(
          ctx.config.changes.webhookSecret,
          request.headers[SIGNATURE_HEADER],
          body,
        );
        const event = readDeliveryEvent(
          header(request.headers['x-github-event']),
          header(request.headers['x-github-delivery']),
          body,
        );
        const result = await recordChangeEvent(ctx, event, body);
        return reply.status(result.event && !result.alreadyRecorded ? 201 : 200).send(result);
      },
    });
    done();
  });

  api.get('/api/v1/changes/:id', {
    config: read,
    schema: {
      tags: ['changes'],
      summary:
        'One change with its evidence, delivery events and what the caller may do (abilities)',
      params: idParams,
      response: { 200: changeDetailSchema },
    },
    handler: async (request) => getChange(ctx, request.params.id, requirePrincipal(request)),
  });
  api.post('/api/v1/changes/:id/approve', {
    config: manage,
    schema: {
      tags: ['changes'],
      summary:
        'Approve by e-signature (re-authentication), by someone other than the requester; an emergency change after implementation',
      params: idParams,
      body: approveChangeBodySchema,
      response: { 200: changeDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await approveChange(ctx, principal, request.params.id, {
        credentials: signerCredentialsOf(request.body),
        note: request.body.note,
      });
      return getChange(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/changes/:id/implement', {
    config: manage,
    schema: {
      tags: ['changes'],
      summary:
        'Record the change as implemented now (approved first, unless an emergency change); starts the 48-hour verification clock',
      params: idParams,
      response: { 200: changeDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await implementChange(ctx, principal.actor, request.params.id);
      return getChange(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/changes/:id/verify', {
    config: manage,
    schema: {
      tags: ['changes'],
      summary:
        'Sign the post-change verification (re-authentication): as intended, or rolled back; due within 48 hours of implementation',
      params: idParams,
      body: verifyChangeBodySchema,
      response: { 200: changeDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await verifyChange(ctx, principal, request.params.id, {
        outcome: request.body.outcome,
        note: request.body.note,
        credentials: signerCredentialsOf(request.body),
      });
      return getChange(ctx, request.params.id, principal);
    },
  });
  for (const action of ['reject', 'cancel'] as const) {
    api.post(`/api/v1/changes/:id/${action}`, {
      config: manage,
      schema: {
        tags: ['changes'],
        summary:
          action === 'reject'
            ? 'Reject a requested change, saying why'
            : 'Cancel a change not yet implemented, saying why',
        params: idParams,
        body: closeChangeBodySchema,
        response: { 200: changeDetailSchema },
      },
      handler: async (request) => {
        const principal = requirePrincipal(request);
        await closeChange(ctx, principal.actor, request.params.id, {
          action,
          note: request.body.note,
        });
        return getChange(ctx, request.params.id, principal);
      },
    });
  }
  registerEvidenceUploads(api, ctx, [
    {
      url: '/api/v1/changes/:id/evidence',
      owner: changeEvidence,
      permission: 'changes:manage',
      tag: 'changes',
      summary:
        'Attach a test evidence file (multipart field "file") until the change is verified, rejected or cancelled',
    },
  ]);
}
