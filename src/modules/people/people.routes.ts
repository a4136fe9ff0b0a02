import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  discardRest,
  registerStreamingRoutes,
  streamedBody,
} from '../../platform/http/streamed-body.js';
import { importPeople } from './import-people.js';
import { getPerson, listPeople } from './list-people.js';
import {
  importPeopleResultSchema,
  listPeopleQuerySchema,
  personPageSchema,
  personViewSchema,
} from './person.schema.js';

/** The people register: read by security, quality and auditors; imported by security. */
export function registerPeopleRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'people:read' as const } };
  api.get('/api/v1/people', {
    config: read,
    schema: {
      tags: ['access'],
      summary: 'The people register (the workforce), in user-name order, a page at a time',
      querystring: listPeopleQuerySchema,
      response: { 200: personPageSchema },
    },
    handler: async (request) => listPeople(ctx, request.query),
  });
  api.get('/api/v1/people/:id', {
    config: read,
    schema: {
      tags: ['access'],
      summary: 'One person',
      params: z.object({ id: z.uuid() }),
      response: { 200: personViewSchema },
    },
    handler: async (request) => getPerson(ctx, request.params.id),
  });

  // The CSV streams in unread: this scope takes any content type as a stream.
  registerStreamingRoutes(api, (scope) => {
    scope.post('/api/v1/people/import', {
      config: { access: { permission: 'people:manage' as const } },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['access'],
        summary:
          'Import the people register from CSV (the request body); every bad row is reported and nothing is stored unless all rows are valid',
        response: { 200: importPeopleResultSchema },
      },
      handler: async (request) => {
        const input = streamedBody(request);
        try {
          return await importPeople(ctx, requirePrincipal(request).actor, input);
        } catch (error) {
          await discardRest(input);
          throw error;
        }
      },
    });
  });
}
