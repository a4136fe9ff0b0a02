import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { generateOccurrences } from './generate-occurrences.js';
import { getOccurrence, listOccurrencePage } from './list-occurrences.js';
import { exportOccurrencesCsv } from './export-occurrences.js';
import {
  exportOccurrencesQuerySchema,
  generateOccurrencesBodySchema,
  listOccurrencesQuerySchema,
  occurrenceViewSchema,
  recordTriggerEventBodySchema,
} from './occurrence.schema.js';
import { recordTriggerEvent } from './record-trigger-event.js';
import { assertWithinEngagement, engagementPeriod } from '../../platform/http/engagement.js';
import { pageSchema } from '../../platform/http/paging.js';
import { MAX_SELECTED_IDS, sendCsvFile } from '../../platform/http/csv-download.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Occurrences of controls, and the trigger events that start SLA clocks. */
export function registerOccurrenceRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/occurrences', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['work'],
      summary:
        'Occurrences in due order with their status at an instant (default now), filtered by status, assignee and more; mine=true for my role’s or assigned to me (paged)',
      querystring: listOccurrencesQuerySchema,
      response: { 200: pageSchema(occurrenceViewSchema) },
    },
    handler: async (request) =>
      listOccurrencePage(
        ctx,
        request.query,
        engagementPeriod(request.principal),
        requirePrincipal(request).actor,
      ),
  });
  api.get('/api/v1/occurrences/export.csv', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'download' },
    schema: {
      tags: ['work'],
      summary: `The occurrences selected in a table (ids, at most ${MAX_SELECTED_IDS}) as CSV, in due order, with their status now`,
      querystring: exportOccurrencesQuerySchema,
    },
    handler: async (request, reply) =>
      sendCsvFile(
        reply,
        'occurrences.csv',
        await exportOccurrencesCsv(ctx, request.query, engagementPeriod(request.principal)),
      ),
  });
  api.get('/api/v1/occurrences/:id', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['work'],
      summary: 'One occurrence with its events',
      params: idParams,
      response: { 200: occurrenceViewSchema },
    },
    handler: async (request) => {
      const occurrence = await getOccurrence(ctx, request.params.id);
      assertWithinEngagement(request.principal, { at: occurrence.dueAt });
      return occurrence;
    },
  });
  api.post('/api/v1/occurrences/generate', {
    config: { access: { permission: 'catalog:manage' } },
    schema: {
      tags: ['work'],
      summary:
        'Generate the occurrences of cadence controls for a window (the scheduler does this ahead)',
      body: generateOccurrencesBodySchema,
      response: {
        200: z.object({
          planned: z.number(),
          created: z.number(),
          createdByControl: z.record(z.string(), z.number()),
        }),
      },
    },
    handler: async (request) =>
      generateOccurrences(ctx, {
        from: new Date(request.body.from),
        until: new Date(request.body.until),
      }),
  });
  api.post('/api/v1/events', {
    config: { access: { permission: 'events:record' } },
    schema: {
      tags: ['work'],
      summary: 'Record an event that starts SLA clocks, e.g. critical-patch-released for an asset',
      body: recordTriggerEventBodySchema,
      response: {
        201: z.object({
          eventId: z.uuid(),
          created: z.boolean(),
          occurrenceIds: z.array(z.uuid()),
        }),
        200: z.object({
          eventId: z.uuid(),
          created: z.boolean(),
          occurrenceIds: z.array(z.uuid()),
        }),
      },
    },
    handler: async (request, reply) => {
      const result = await recordTriggerEvent(ctx, requirePrincipal(request).actor, request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  });
}
