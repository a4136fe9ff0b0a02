import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { listAssetPosture } from './list-asset-posture.js';
import { livePosture } from './live-posture.js';
import { reportPostureHistory } from './posture-history.js';
import {
  assetPostureListSchema,
  assetPostureQuerySchema,
  effectivenessQuerySchema,
  effectivenessReportSchema,
  postureHistoryQuerySchema,
  postureHistorySchema,
  postureQuerySchema,
  postureSchema,
} from './posture.schema.js';
import {
  effectivenessCsvChunks,
  effectivenessJsonChunks,
  openEffectivenessReport,
} from './report-effectiveness.js';
import { assertWithinEngagement, engagementInstant } from '../../platform/http/engagement.js';
import type { FastifyRequest } from 'fastify';

/**
 * A body written as it is produced. Fastify sends a stream as it is, past the response
 * serializer; the typed reply only knows the documented body shapes, hence the cast.
 */
const streamed = (chunks: AsyncGenerator<string>) => Readable.from(chunks) as unknown as string;

/** Posture at an instant, per control and per asset, and operating effectiveness over a period. */
export function registerPostureRoutes(api: Api, ctx: AppContext): void {
  // An engaged auditor sees posture at an instant of their period (by default its end).
  const instantFor = (request: FastifyRequest, at: string | undefined) => {
    const instant = engagementInstant(request.principal, at, ctx.clock.now());
    assertWithinEngagement(request.principal, { at: instant });
    return instant;
  };
  api.get('/api/v1/posture', {
    config: { access: { permission: 'posture:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['posture'],
      summary: 'Status of every control, requirement and framework at an instant (default now)',
      querystring: postureQuerySchema,
      response: { 200: postureSchema },
    },
    handler: async (request) =>
      livePosture(ctx, { ...request.query, at: instantFor(request, request.query.at) }),
  });
  api.get('/api/v1/posture/assets', {
    config: { access: { permission: 'posture:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['posture'],
      summary:
        'Per asset, worst first: the per-asset controls that apply to it and their worst status',
      querystring: assetPostureQuerySchema,
      response: { 200: assetPostureListSchema },
    },
    handler: async (request) =>
      listAssetPosture(ctx, { ...request.query, at: instantFor(request, request.query.at) }),
  });
  // Not for engaged auditors: months outside their period would be refused one by one; they ask
  // GET /posture?at= for instants of their period instead.
  api.get('/api/v1/posture/history', {
    config: { access: { permission: 'posture:read' } },
    schema: {
      tags: ['posture'],
      summary:
        'Posture per framework at the end of each of the last months (the current one: now), for charts',
      querystring: postureHistoryQuerySchema,
      response: { 200: postureHistorySchema },
    },
    handler: async (request) => reportPostureHistory(ctx, request.query),
  });
  api.get('/api/v1/reports/effectiveness', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['posture'],
      summary:
        'Operating effectiveness of a framework over a period: every occurrence and exception (JSON or CSV)',
      querystring: effectivenessQuerySchema,
      response: { 200: z.union([effectivenessReportSchema, z.string()]) },
    },
    // Streamed (a year of a large register is hundreds of megabytes): the body is written page
    // by page as the rows are read, in the shape the response schema describes.
    handler: async (request, reply) => {
      // An engaged auditor's report, like their posture, stands at an instant of their period.
      assertWithinEngagement(request.principal, { ...request.query, at: request.query.asOf });
      const report = await openEffectivenessReport(ctx, request.query);
      if (request.query.format === 'json') {
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .send(streamed(effectivenessJsonChunks(report)));
      }
      const { framework, from, to } = report.head;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="effectiveness-${framework}-${from}-${to}.csv"`,
        )
        .send(streamed(effectivenessCsvChunks(report)));
    },
  });
}
