import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { assertWithinEngagement } from '../../platform/http/engagement.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { reportWalkthrough } from './report-walkthrough.js';
import { walkthroughHtml } from './walkthrough-html.js';
import { walkthroughQuerySchema, walkthroughSchema } from './walkthrough.schema.js';

/** The walkthrough audit of one process over a period, as JSON or as a printable page. */
export function registerWalkthroughRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/processes/:key/walkthrough', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['reports'],
      summary:
        'Walk one process end to end over a period: each infrastructure dependency with its evidence, and the gaps (JSON or HTML)',
      params: z.object({ key: registerKeySchema }),
      querystring: walkthroughQuerySchema,
      response: { 200: z.union([walkthroughSchema, z.string()]) },
    },
    handler: async (request, reply) => {
      // An engaged auditor walks a process only through their own period.
      assertWithinEngagement(request.principal, { from: request.query.from, to: request.query.to });
      const walkthrough = await reportWalkthrough(ctx, request.params.key, request.query);
      if (request.query.format === 'json') return walkthrough;
      const { from, to } = walkthrough;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="walkthrough-${walkthrough.process.key}-${from}-${to}.html"`,
        )
        .send(walkthroughHtml(walkthrough));
    },
  });
}
