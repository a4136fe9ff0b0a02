import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { assertWithinEngagement } from '../../platform/http/engagement.js';
import { exportOscal } from './export-oscal.js';
import { oscalQuerySchema } from './oscal.schema.js';

/** OSCAL exports: read like the effectiveness report (reports:read). */
export function registerOscalRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/reports/oscal', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'download' },
    schema: {
      tags: ['reports'],
      summary:
        'OSCAL 1.0.6 export: assessment-results for a period, or the assets as a component-definition or an SSP-style inventory',
      querystring: oscalQuerySchema,
      response: {
        200: z
          .record(z.string(), z.unknown())
          .describe('The OSCAL document (see docs/oscal.md), as an attachment'),
      },
    },
    handler: async (request, reply) => {
      // An engaged auditor exports their framework only, and results only for their period.
      assertWithinEngagement(request.principal, request.query);
      const { filename, document } = await exportOscal(ctx, request.query);
      // Already JSON text: sent as it is, past the response serializer.
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(`${JSON.stringify(document, null, 2)}\n` as unknown as Record<string, unknown>);
    },
  });
}
