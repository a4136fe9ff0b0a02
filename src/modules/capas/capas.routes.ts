import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { assertWithinEngagement, engagementPeriod } from '../../platform/http/engagement.js';
import { registerEvidenceUploads } from '../attachments/attachments.routes.js';
import { capaActionEvidence } from './capa-evidence.js';
import { addCapaAction, closeCapa, recordRootCause, updateCapaAction } from './capa-commands.js';
import {
  addActionBodySchema,
  capaDetailSchema,
  capaPageSchema,
  effectivenessCheckBodySchema,
  listCapasQuerySchema,
  openCapaBodySchema,
  rootCauseBodySchema,
  updateActionBodySchema,
} from './capa.schema.js';
import { getCapa, listCapaPage } from './capa.service.js';
import { openCapa } from './open-capa.js';
import { signEffectivenessCheck } from './sign-effectiveness-check.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });
const actionParams = idParams.extend({ actionId: z.uuid('must be a UUID') });

/** CAPA records: corrective and preventive actions for nonconformances (docs/capa.md). */
export function registerCapaRoutes(api: Api, ctx: AppContext): void {
  const manage = { access: { permission: 'nonconformance:manage' as const } };

  api.get('/api/v1/capas', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['capas'],
      summary: 'CAPA records, newest first (paged)',
      querystring: listCapasQuerySchema,
      response: { 200: capaPageSchema },
    },
    handler: async (request) =>
      listCapaPage(ctx, request.query, engagementPeriod(request.principal)),
  });
  api.post('/api/v1/capas', {
    config: manage,
    schema: {
      tags: ['capas'],
      summary: 'Open a CAPA for one or more nonconformances, with its effectiveness check planned',
      body: openCapaBodySchema,
      response: { 201: capaDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await openCapa(ctx, principal.actor, request.body);
      return reply.status(201).send(await getCapa(ctx, id, principal));
    },
  });
  api.get('/api/v1/capas/:id', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['capas'],
      summary: 'One CAPA with its actions, evidence and what the caller may do (abilities)',
      params: idParams,
      response: { 200: capaDetailSchema },
    },
    handler: async (request) => {
      const capa = await getCapa(ctx, request.params.id, request.principal);
      assertWithinEngagement(request.principal, { at: capa.openedAt });
      return capa;
    },
  });
  api.post('/api/v1/capas/:id/root-cause', {
    config: manage,
    schema: {
      tags: ['capas'],
      summary: 'Record or revise the root cause analysis (method and text)',
      params: idParams,
      body: rootCauseBodySchema,
      response: { 200: capaDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await recordRootCause(ctx, principal.actor, request.params.id, request.body);
      return getCapa(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/capas/:id/actions', {
    config: manage,
    schema: {
      tags: ['capas'],
      summary: 'Add an action with its owner and due date',
      params: idParams,
      body: addActionBodySchema,
      response: { 201: capaDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      await addCapaAction(ctx, principal.actor, request.params.id, request.body);
      return reply.status(201).send(await getCapa(ctx, request.params.id, principal));
    },
  });
  api.patch('/api/v1/capas/:id/actions/:actionId', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['capas'],
      summary:
        'Move an action (its owner or Quality): open, in progress, done with a note, cancelled',
      params: actionParams,
      body: updateActionBodySchema,
      response: { 200: capaDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await updateCapaAction(
        ctx,
        principal.actor,
        request.params.id,
        request.params.actionId,
        request.body,
      );
      return getCapa(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/capas/:id/effectiveness-check', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['capas'],
      summary:
        'Sign the effectiveness check (re-authentication; not by an action owner; from its planned date)',
      params: idParams,
      body: effectivenessCheckBodySchema,
      response: { 200: capaDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await signEffectivenessCheck(ctx, principal, request.params.id, {
        outcome: request.body.outcome,
        note: request.body.note,
        credentials: signerCredentialsOf(request.body),
      });
      return getCapa(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/capas/:id/close', {
    config: manage,
    schema: {
      tags: ['capas'],
      summary: 'Close a CAPA whose effectiveness check has passed',
      params: idParams,
      response: { 200: capaDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await closeCapa(ctx, principal.actor, request.params.id);
      return getCapa(ctx, request.params.id, principal);
    },
  });
  registerEvidenceUploads(api, ctx, [
    {
      url: '/api/v1/capa-actions/:id/evidence',
      owner: capaActionEvidence,
      permission: 'work:perform',
      tag: 'capas',
      summary: 'Attach an evidence file to a CAPA action (multipart field "file")',
    },
  ]);
}
