import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import type { AppContext } from '../../platform/context.js';
import { searchRecords } from './search-records.js';
import { searchAnswerSchema, searchQuerySchema } from './search.schema.js';

/** The global search behind Ctrl-K: one endpoint over every kind the caller's role may read. */
export function registerSearchRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/search', {
    // Every person's role reads the register; the other kinds are filtered by role inside.
    config: { access: { permission: 'register:read' } },
    schema: {
      tags: ['search'],
      summary:
        'Assets, suppliers, processes, controls, requirements, work orders, nonconformances, incidents, documents, people and users matching the words, limited to what the role may read, best first',
      querystring: searchQuerySchema,
      response: { 200: searchAnswerSchema },
    },
    handler: async (request) =>
      searchRecords(ctx, requirePrincipal(request).actor.role, request.query),
  });
}
