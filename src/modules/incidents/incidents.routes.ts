import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { assertWithinEngagement, engagementPeriod } from '../../platform/http/engagement.js';
import { decideIncidentConformity } from './decide-incident-conformity.js';
import { escalateBackupIncident } from './escalate-backup-incident.js';
import {
  decisionBodySchema,
  escalateBackupIncidentBodySchema,
  incidentDetailSchema,
  incidentPageSchema,
  listIncidentsQuerySchema,
  listOnCallQuerySchema,
  onCallShiftBodySchema,
  onCallShiftViewSchema,
  openIncidentBodySchema,
  timelineEntryBodySchema,
  transitionBodySchema,
} from './incident.schema.js';
import {
  addTimelineEntry,
  getIncident,
  listIncidents,
  transitionIncident,
} from './incident.service.js';
import { listOnCallShifts, recordOnCallShift } from './on-call.service.js';
import { openIncident } from './open-incident.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid() });

/** Incidents and the on-call rota (docs/incidents.md). */
export function registerIncidentRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'incidents:read' as const } };
  // An engaged auditor reads the incidents opened in their period (scope applied in the query).
  const readInPeriod = { ...read, engagedAuditor: 'period' as const };
  const manage = { access: { permission: 'incidents:manage' as const } };
  const decide = { access: { permission: 'incidents:decide' as const } };

  api.get('/api/v1/incidents', {
    config: readInPeriod,
    schema: {
      tags: ['incidents'],
      summary: 'Incidents: not closed first, then newest opened first, a page at a time',
      querystring: listIncidentsQuerySchema,
      response: { 200: incidentPageSchema },
    },
    handler: async (request) =>
      listIncidents(ctx, request.query, engagementPeriod(request.principal)),
  });
  api.post('/api/v1/incidents', {
    config: manage,
    schema: {
      tags: ['incidents'],
      summary: 'Open an incident by hand; starts the 24-hour conformity-decision clock',
      body: openIncidentBodySchema,
      response: { 201: incidentDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await openIncident(ctx, principal.actor, request.body);
      return reply.status(201).send(await getIncident(ctx, id, principal));
    },
  });
  api.post('/api/v1/incidents/escalate-backup-incident', {
    config: manage,
    schema: {
      tags: ['incidents'],
      summary: 'Escalate a backup incident (missed window, failed run) to an incident; once each',
      body: escalateBackupIncidentBodySchema,
      response: { 200: incidentDetailSchema, 201: incidentDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const { id, created } = await escalateBackupIncident(ctx, principal.actor, request.body);
      return reply.status(created ? 201 : 200).send(await getIncident(ctx, id, principal));
    },
  });
  api.get('/api/v1/incidents/:id', {
    config: readInPeriod,
    schema: {
      tags: ['incidents'],
      summary: 'One incident with its timeline and what the caller may do (abilities)',
      params: idParams,
      response: { 200: incidentDetailSchema },
    },
    handler: async (request) => {
      const incident = await getIncident(ctx, request.params.id, requirePrincipal(request));
      assertWithinEngagement(request.principal, { at: incident.openedAt });
      return incident;
    },
  });
  api.post('/api/v1/incidents/:id/timeline', {
    config: manage,
    schema: {
      tags: ['incidents'],
      summary: 'Add a timeline entry',
      params: idParams,
      body: timelineEntryBodySchema,
      response: { 201: incidentDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      await addTimelineEntry(ctx, principal.actor, request.params.id, request.body);
      return reply.status(201).send(await getIncident(ctx, request.params.id, principal));
    },
  });
  api.post('/api/v1/incidents/:id/transition', {
    config: manage,
    schema: {
      tags: ['incidents'],
      summary:
        'Move the incident: open → mitigated → resolved → closed (closing needs the decision and the post-incident review)',
      params: idParams,
      body: transitionBodySchema,
      response: { 200: incidentDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await transitionIncident(ctx, principal.actor, request.params.id, request.body);
      return getIncident(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/incidents/:id/decision', {
    config: decide,
    schema: {
      tags: ['incidents'],
      summary:
        'Sign the conformity decision (quality role, re-authentication): no impact with rationale, or impact (raises a nonconformance)',
      params: idParams,
      body: decisionBodySchema,
      response: { 200: incidentDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await decideIncidentConformity(ctx, principal, request.params.id, {
        outcome: request.body.outcome,
        rationale: request.body.rationale,
        credentials: signerCredentialsOf(request.body),
      });
      return getIncident(ctx, request.params.id, principal);
    },
  });

  api.get('/api/v1/on-call', {
    config: read,
    schema: {
      tags: ['incidents'],
      summary: "A month's on-call rota (who, primary or backup, from, to), in order of start",
      querystring: listOnCallQuerySchema,
      response: { 200: z.object({ items: z.array(onCallShiftViewSchema) }) },
    },
    handler: async (request) => listOnCallShifts(ctx, request.query.month),
  });
  api.post('/api/v1/on-call', {
    config: manage,
    schema: {
      tags: ['incidents'],
      summary: 'Record an on-call shift of the rota',
      body: onCallShiftBodySchema,
      response: { 201: onCallShiftViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await recordOnCallShift(ctx, requirePrincipal(request).actor, request.body)),
  });
}
