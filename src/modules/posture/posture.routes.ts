import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { evaluatePosture } from './evaluate-posture.js';
import { listAssetPosture } from './list-asset-posture.js';
import {
  assetPostureListSchema,
  effectivenessQuerySchema,
  effectivenessReportSchema,
  postureQuerySchema,
  postureSchema,
} from './posture.schema.js';
import { effectivenessCsv, reportEffectiveness } from './report-effectiveness.js';

/** Posture at an instant, per control and per asset, and operating effectiveness over a period. */
export function registerPostureRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/posture', {
    config: { access: { permission: 'posture:read' } },
    schema: {
      tags: ['posture'],
      summary: 'Status of every control, requirement and framework at an instant (default now)',
      querystring: postureQuerySchema,
      response: { 200: postureSchema },
    },
    handler: async (request) => evaluatePosture(ctx, request.query),
  });
  api.get('/api/v1/posture/assets', {
    config: { access: { permission: 'posture:read' } },
    schema: {
      tags: ['posture'],
      summary: 'Per asset: the per-asset controls that apply to it and their worst status',
      querystring: postureQuerySchema,
      response: { 200: assetPostureListSchema },
    },
    handler: async (request) => listAssetPosture(ctx, request.query),
  });
  api.get('/api/v1/reports/effectiveness', {
    config: { access: { permission: 'reports:read' } },
    schema: {
      tags: ['posture'],
      summary:
        'Operating effectiveness of a framework over a period: every occurrence and exception (JSON or CSV)',
      querystring: effectivenessQuerySchema,
      response: { 200: z.union([effectivenessReportSchema, z.string()]) },
    },
    handler: async (request, reply) => {
      const report = await reportEffectiveness(ctx, request.query);
      if (request.query.format === 'json') return report;
      const name = `effectiveness-${report.framework}-${report.from}-${report.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(effectivenessCsv(report));
    },
  });
}
