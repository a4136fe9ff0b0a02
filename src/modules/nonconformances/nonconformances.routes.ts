import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { verifyBodySchema } from '../work-orders/work-order.schema.js';
import { resolveDeficiency, startDeficiency } from './deficiency.service.js';
import {
  getNonconformance,
  listNonconformancePage,
  updateNonconformance,
} from './nonconformance.service.js';
import {
  listNonconformancesQuerySchema,
  nonconformanceItemSchema,
  nonconformanceViewSchema,
  raiseNonconformanceBodySchema,
  resolveDeficiencyBodySchema,
  triageNonconformancesBodySchema,
  exportNonconformancesQuerySchema,
  updateNonconformanceBodySchema,
} from './nonconformance.schema.js';
import { withAbilities } from './deficiency-closure-rule.js';
import { raiseNonconformance } from './raise-nonconformance.js';
import { triageNonconformances } from './triage-nonconformances.js';
import { exportNonconformancesCsv } from './export-nonconformances.js';
import { eachOrNoneReportSchema } from '../../platform/audit/mutate-each-or-none.js';
import { verifyDeficiencyClosure } from './verify-deficiency-closure.js';
import { assertWithinEngagement, engagementPeriod } from '../../platform/http/engagement.js';
import { pageSchema } from '../../platform/http/paging.js';
import { sendCsvFile } from '../../platform/http/csv-download.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';
import { registerCommentThreads } from '../comments/comments.routes.js';
import { nonconformanceComments } from './nonconformance-comments.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/**
 * Nonconformances raised from missed critical work, handled by Quality, and deficiencies found by
 * restore tests and DR exercises, tracked to a signed closure.
 */
export function registerNonconformanceRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/nonconformances', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['nonconformances'],
      summary: 'Nonconformances and deficiencies, newest first (paged)',
      querystring: listNonconformancesQuerySchema,
      response: { 200: pageSchema(nonconformanceItemSchema) },
    },
    handler: async (request) => {
      const page = await listNonconformancePage(
        ctx,
        request.query,
        engagementPeriod(request.principal),
      );
      const caller = request.principal ?? null;
      return { ...page, items: page.items.map((item) => withAbilities(caller, item)) };
    },
  });
  api.post('/api/v1/nonconformances', {
    config: { access: { permission: 'nonconformance:manage' } },
    schema: {
      tags: ['nonconformances'],
      summary:
        'Raise a nonconformance by hand: requirement not met, containment, disposition, impact, owner, due date',
      body: raiseNonconformanceBodySchema,
      response: { 201: nonconformanceViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await raiseNonconformance(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/nonconformances/export.csv', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'download' },
    schema: {
      tags: ['nonconformances'],
      summary:
        'Nonconformances as CSV, newest first: those the list filters select, or only the ids given (a selection)',
      querystring: exportNonconformancesQuerySchema,
    },
    handler: async (request, reply) =>
      sendCsvFile(
        reply,
        'nonconformances.csv',
        await exportNonconformancesCsv(ctx, request.query, engagementPeriod(request.principal)),
      ),
  });
  api.post('/api/v1/nonconformances/triage', {
    config: { access: { permission: 'nonconformance:manage' } },
    schema: {
      tags: ['nonconformances'],
      summary:
        'Set the status, owner role, owner person or due date of many nonconformances at once: all or nothing, each refused row named with its reason',
      body: triageNonconformancesBodySchema,
      response: { 200: eachOrNoneReportSchema },
    },
    handler: async (request) =>
      triageNonconformances(ctx, requirePrincipal(request).actor, request.body),
  });
  api.get('/api/v1/nonconformances/:id', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['nonconformances'],
      summary: 'One nonconformance, with what the caller may do with it',
      params: idParams,
      response: { 200: nonconformanceItemSchema },
    },
    handler: async (request) => {
      const nonconformance = await getNonconformance(ctx, request.params.id);
      assertWithinEngagement(request.principal, { at: nonconformance.raisedAt });
      return withAbilities(request.principal ?? null, nonconformance);
    },
  });
  api.patch('/api/v1/nonconformances/:id', {
    config: { access: { permission: 'nonconformance:manage' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'Move a nonconformance along its lifecycle, reassign it or set its due date',
      params: idParams,
      body: updateNonconformanceBodySchema,
      response: { 200: nonconformanceViewSchema },
    },
    handler: async (request) =>
      updateNonconformance(ctx, requirePrincipal(request).actor, request.params.id, request.body),
  });
  api.post('/api/v1/nonconformances/:id/start', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'Start work on an open deficiency',
      params: idParams,
      response: { 200: nonconformanceViewSchema },
    },
    handler: async (request) =>
      startDeficiency(ctx, requirePrincipal(request).actor, request.params.id),
  });
  api.post('/api/v1/nonconformances/:id/resolve', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'Record how a deficiency was resolved; it then awaits a signed verification',
      params: idParams,
      body: resolveDeficiencyBodySchema,
      response: { 200: nonconformanceViewSchema },
    },
    handler: async (request) =>
      resolveDeficiency(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        request.body.resolutionNote,
      ),
  });
  api.post('/api/v1/nonconformances/:id/verify-closure', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['nonconformances'],
      summary: 'Close a resolved deficiency with an e-signed verification (not by its resolver)',
      params: idParams,
      body: verifyBodySchema,
      response: { 200: nonconformanceViewSchema },
    },
    handler: async (request) =>
      verifyDeficiencyClosure(ctx, requirePrincipal(request), request.params.id, {
        credentials: signerCredentialsOf(request.body),
        note: request.body.note ?? '',
      }),
  });
  registerCommentThreads(api, ctx, [
    {
      url: '/api/v1/nonconformances/:id/comments',
      subject: nonconformanceComments,
      tag: 'nonconformances',
    },
  ]);
}
