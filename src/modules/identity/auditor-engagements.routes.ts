import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/paging.js';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { acceptAuditorInvitation } from './accept-auditor-invitation.js';
import {
  acceptInvitationBodySchema,
  auditorEngagementListSchema,
  auditorEngagementViewSchema,
  invitationIssuedViewSchema,
  inviteAuditorBodySchema,
} from './auditor-engagement.schema.js';
import {
  getAuditorEngagement,
  listAuditorEngagements,
  revokeAuditorEngagement,
} from './auditor-engagement.service.js';
import { inviteAuditor } from './invite-auditor.js';
import { resendAuditorInvitation } from './resend-auditor-invitation.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Auditor engagements: an admin invites an outside auditor for a framework and a period. */
export function registerAuditorEngagementRoutes(api: Api, ctx: AppContext): void {
  const manage = { access: { permission: 'users:manage' as const } };

  api.post('/api/v1/auditor-engagements', {
    config: manage,
    schema: {
      tags: ['users'],
      summary:
        'Invite an auditor for a framework and a period (time-boxed, read-only, MFA); the answer carries the link to copy and whether an e-mail will be sent',
      body: inviteAuditorBodySchema,
      response: { 201: invitationIssuedViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await inviteAuditor(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/auditor-engagements', {
    config: manage,
    schema: {
      tags: ['users'],
      summary: 'Auditor engagements, newest first, with their status (paged)',
      querystring: pageQuerySchema,
      response: { 200: auditorEngagementListSchema },
    },
    handler: async (request) => listAuditorEngagements(ctx, request.query),
  });
  api.get('/api/v1/auditor-engagements/:id', {
    config: manage,
    schema: {
      tags: ['users'],
      summary: 'One auditor engagement',
      params: idParams,
      response: { 200: auditorEngagementViewSchema },
    },
    handler: async (request) => getAuditorEngagement(ctx, request.params.id),
  });
  api.post('/api/v1/auditor-engagements/:id/revoke', {
    config: manage,
    schema: {
      tags: ['users'],
      summary: "Revoke an engagement now: the auditor's sessions end",
      params: idParams,
      response: { 200: auditorEngagementViewSchema },
    },
    handler: async (request) =>
      revokeAuditorEngagement(ctx, requirePrincipal(request).actor, request.params.id),
  });
  api.post('/api/v1/auditor-engagements/:id/invitation', {
    config: manage,
    schema: {
      tags: ['users'],
      summary:
        'Issue the invitation again: a new one-time link (the old one stops working) and a new e-mail; the answer carries the link to copy',
      params: idParams,
      response: { 200: invitationIssuedViewSchema },
    },
    handler: async (request) =>
      resendAuditorInvitation(ctx, requirePrincipal(request).actor, request.params.id),
  });
  api.post('/api/v1/auditor-invitations/accept', {
    config: {
      access: 'public',
      rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: "Set an invited auditor's password with the one-time link of the invitation",
      body: acceptInvitationBodySchema,
      response: { 200: z.object({ email: z.string() }) },
    },
    handler: async (request) => acceptAuditorInvitation(ctx, request.body),
  });
}
