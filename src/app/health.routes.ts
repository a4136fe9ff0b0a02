import { sql } from 'kysely';
import { z } from 'zod';
import type { Api } from '../platform/http/api-types.js';
import type { AppContext } from './context.js';

export function registerHealthRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: 'Liveness and database reachability',
      response: {
        200: z.object({
          status: z.literal('ok'),
          database: z.enum(['pglite', 'postgresql']),
          version: z.string(),
        }),
      },
    },
    handler: async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, database: ctx.databaseKind, version: ctx.version };
    },
  });
}
