import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  discardRest,
  registerStreamingRoutes,
  streamedBody,
} from '../../platform/http/streamed-body.js';
import { rejectBodySchema, verifyBodySchema } from '../work-orders/work-order.schema.js';
import {
  accessRequestPageSchema,
  accessRequestViewSchema,
  createAccessRequestBodySchema,
  listAccessRequestsQuerySchema,
} from './access-request.schema.js';
import {
  approveAccessRequest,
  createAccessRequest,
  rejectAccessRequest,
  getAccessRequest,
  grantAccessRequest,
  listAccessRequests,
} from './access-requests.service.js';
import {
  accountPageSchema,
  importAccountsQuerySchema,
  importAccountsResultSchema,
  listAccountsQuerySchema,
  revocationClockViewSchema,
} from './account.schema.js';
import { importAccounts } from './import-accounts.js';
import { listAccounts, listRevocationClocksOfPerson } from './list-accounts.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Accounts per system (snapshots imported from the systems' own listings) and access requests. */
export function registerAccountRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/accounts', {
    config: { access: { permission: 'accounts:read' } },
    schema: {
      tags: ['access'],
      summary:
        "One system's accounts in username order, a page at a time, flagged: privileged without MFA, unrequested, leaver still active",
      querystring: listAccountsQuerySchema,
      response: { 200: accountPageSchema },
    },
    handler: async (request) => listAccounts(ctx, request.query),
  });

  registerStreamingRoutes(api, (scope) => {
    scope.post('/api/v1/accounts/import', {
      config: { access: { permission: 'accounts:import' } },
      bodyLimit: 256 * 1024 * 1024,
      schema: {
        tags: ['access'],
        summary:
          "Import a system's account listing (the request body: CSV or the AWS IAM credential report) as a snapshot; nothing is stored if any line is malformed",
        querystring: importAccountsQuerySchema,
        response: { 200: importAccountsResultSchema },
      },
      handler: async (request) => {
        const input = streamedBody(request);
        try {
          return await importAccounts(ctx, requirePrincipal(request).actor, input, {
            asset: request.query.asset,
            format: request.query.format,
            takenAt: request.query.takenAt ? new Date(request.query.takenAt) : undefined,
          });
        } catch (error) {
          await discardRest(input);
          throw error;
        }
      },
    });
  });

  api.get('/api/v1/people/:id/revocation-clocks', {
    config: { access: { permission: 'people:read' } },
    schema: {
      tags: ['access'],
      summary:
        "A person's revocation clocks: per account, when it started (departure or role change), when a snapshot showed it revoked, met or missed",
      params: idParams,
      response: { 200: z.object({ items: z.array(revocationClockViewSchema) }) },
    },
    handler: async (request) => ({
      items: await listRevocationClocksOfPerson(ctx, request.params.id),
    }),
  });

  api.get('/api/v1/access-requests', {
    config: { access: { permission: 'accounts:read' } },
    schema: {
      tags: ['access'],
      summary: 'Access requests, newest first, a page at a time',
      querystring: listAccessRequestsQuerySchema,
      response: { 200: accessRequestPageSchema },
    },
    handler: async (request) => listAccessRequests(ctx, request.principal, request.query),
  });
  api.get('/api/v1/access-requests/:id', {
    config: { access: { permission: 'accounts:read' } },
    schema: {
      tags: ['access'],
      summary: 'One access request, with whether the caller may approve it',
      params: idParams,
      response: { 200: accessRequestViewSchema },
    },
    handler: async (request) => getAccessRequest(ctx, request.principal, request.params.id),
  });
  api.post('/api/v1/access-requests', {
    config: { access: { permission: 'access:request' } },
    schema: {
      tags: ['access'],
      summary: 'Request access for a person to a system: the role and why',
      body: createAccessRequestBodySchema,
      response: { 201: accessRequestViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createAccessRequest(ctx, requirePrincipal(request), request.body)),
  });
  api.post('/api/v1/access-requests/:id/approve', {
    config: { access: { permission: 'access:approve' } },
    schema: {
      tags: ['access'],
      summary: 'Approve a request with an e-signature (not by the person who requested it)',
      params: idParams,
      body: verifyBodySchema,
      response: { 200: accessRequestViewSchema },
    },
    handler: async (request) =>
      approveAccessRequest(ctx, requirePrincipal(request), request.params.id, {
        credentials: signerCredentialsOf(request.body),
        note: request.body.note ?? '',
      }),
  });
  api.post('/api/v1/access-requests/:id/reject', {
    config: { access: { permission: 'access:approve' } },
    schema: {
      tags: ['access'],
      summary:
        'Reject a request with an e-signature and the reason (not by the person who requested it)',
      params: idParams,
      body: rejectBodySchema,
      response: { 200: accessRequestViewSchema },
    },
    handler: async (request) =>
      rejectAccessRequest(ctx, requirePrincipal(request), request.params.id, {
        credentials: signerCredentialsOf(request.body),
        reason: request.body.reason,
      }),
  });
  api.post('/api/v1/access-requests/:id/grant', {
    config: { access: { permission: 'access:approve' } },
    schema: {
      tags: ['access'],
      summary: 'Record that approved access was granted (meets the approval control)',
      params: idParams,
      response: { 200: accessRequestViewSchema },
    },
    handler: async (request) =>
      grantAccessRequest(ctx, requirePrincipal(request), request.params.id),
  });
}
