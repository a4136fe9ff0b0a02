import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { occurrenceViewSchema } from '../occurrences/occurrence.schema.js';
import { registerEvidenceUploads } from '../attachments/attachments.routes.js';
import { workOrderEvidence } from './attach-evidence.js';
import { completeWorkOrder } from './complete-work-order.js';
import { createCorrectiveWorkOrder } from './create-corrective-work-order.js';
import { markNotApplicable } from './mark-not-applicable.js';
import { markManyNotApplicable } from './mark-many-not-applicable.js';
import { eachOrNoneReportSchema } from '../../platform/audit/mutate-each-or-none.js';
import { signCloseout } from './sign-closeout.js';
import { startWorkOrder } from './start-work-order.js';
import { tickChecklistItem } from './tick-checklist-item.js';
import {
  checklistPatchBodySchema,
  completeBodySchema,
  createWorkOrderBodySchema,
  listWorkOrdersQuerySchema,
  notApplicableBodySchema,
  bulkNotApplicableBodySchema,
  rejectBodySchema,
  verifyBodySchema,
  workOrderDetailSchema,
  workOrderViewSchema,
} from './work-order.schema.js';
import { getWorkOrder, getWorkOrderView, listWorkOrders } from './work-order-views.js';
import { pageSchema } from '../../platform/http/paging.js';
import {
  assertWithinEngagement,
  engagementPeriod,
  keepWithinEngagement,
} from '../../platform/http/engagement.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { assignOne, assignWork } from './assign-work.js';
import { registerCommentThreads } from '../comments/comments.routes.js';
import { workOrderComments } from './work-order-comments.js';
import {
  assignBodySchema,
  bulkAssignBodySchema,
  bulkAssignResponseSchema,
  type WorkRefType,
} from './work-assignment.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });
const itemParams = z.object({ id: z.uuid('must be a UUID'), itemId: z.uuid('must be a UUID') });
const checklistItemSchema = workOrderDetailSchema.shape.checklist.element;

/** Work orders: start, checklist, evidence, closeout and its e-signed verification. */
export function registerWorkOrderRoutes(api: Api, ctx: AppContext): void {
  api.post('/api/v1/occurrences/:id/start', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['work'],
      summary: 'Start an occurrence: its preventive work order, with the control’s checklist',
      params: idParams,
      response: { 201: workOrderViewSchema, 200: workOrderViewSchema },
    },
    handler: async (request, reply) => {
      const { created, workOrder } = await startWorkOrder(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
      );
      return reply.status(created ? 201 : 200).send(workOrder);
    },
  });
  api.post('/api/v1/occurrences/bulk-not-applicable', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['work'],
      summary:
        'Record that many occurrences do not apply, with one justification: all or nothing, each refused row named with its reason',
      body: bulkNotApplicableBodySchema,
      response: { 200: eachOrNoneReportSchema },
    },
    handler: async (request) =>
      markManyNotApplicable(ctx, requirePrincipal(request).actor, request.body),
  });
  api.post('/api/v1/occurrences/:id/not-applicable', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['work'],
      summary: 'Record that an occurrence does not apply, with a justification',
      params: idParams,
      body: notApplicableBodySchema,
      response: { 200: occurrenceViewSchema },
    },
    handler: async (request) =>
      markNotApplicable(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        request.body.justification,
      ),
  });
  api.post('/api/v1/work-orders', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['work'],
      summary: 'Open a corrective work order',
      body: createWorkOrderBodySchema,
      response: { 201: workOrderViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createCorrectiveWorkOrder(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/work-orders', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['work'],
      summary: 'Work orders, newest first, by status and kind; mine=true for my work (paged)',
      querystring: listWorkOrdersQuerySchema,
      response: { 200: pageSchema(workOrderViewSchema) },
    },
    handler: async (request) =>
      listWorkOrders(
        ctx,
        requirePrincipal(request).actor,
        request.query,
        engagementPeriod(request.principal),
      ),
  });
  api.get('/api/v1/work-orders/:id', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['work'],
      summary: 'One work order with occurrence, checklist, evidence, signatures and history',
      params: idParams,
      response: { 200: workOrderDetailSchema },
    },
    handler: async (request) => {
      const workOrder = await getWorkOrder(ctx, request.params.id, request.principal);
      assertWithinEngagement(request.principal, { at: workOrder.createdAt });
      // Evidence uploaded outside the period is not the auditor's to see, not even its name.
      const evidence = keepWithinEngagement(
        request.principal,
        workOrder.evidence,
        (file) => file.uploadedAt,
      );
      return { ...workOrder, evidence };
    },
  });
  api.patch('/api/v1/work-orders/:id/checklist/:itemId', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['work'],
      summary: 'Tick or untick a checklist item',
      params: itemParams,
      body: checklistPatchBodySchema,
      response: { 200: checklistItemSchema },
    },
    handler: async (request) =>
      tickChecklistItem(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        request.params.itemId,
        request.body.done,
      ),
  });
  api.post('/api/v1/work-orders/:id/complete', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['work'],
      summary:
        'Close out the work (the caller is the performer); refused (409 closeout_contradicted) when the automatic source contradicts it, unless `override` is signed',
      params: idParams,
      body: completeBodySchema,
      response: { 200: workOrderViewSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      const { override } = request.body;
      return completeWorkOrder(
        ctx,
        principal.actor,
        request.params.id,
        request.body.note,
        override && {
          principal,
          justification: override.justification,
          credentials: signerCredentialsOf(override),
        },
      );
    },
  });
  api.post('/api/v1/work-orders/:id/verify', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['work'],
      summary: 'Verify a closeout with an electronic signature (password or TOTP code)',
      params: idParams,
      body: verifyBodySchema,
      response: { 200: workOrderViewSchema },
    },
    handler: async (request) =>
      signCloseout(ctx, requirePrincipal(request), request.params.id, {
        meaning: 'verified',
        credentials: signerCredentialsOf(request.body),
        note: request.body.note ?? '',
      }),
  });
  api.post('/api/v1/work-orders/:id/reject', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['work'],
      summary: 'Reject a closeout with an electronic signature; the work goes back in progress',
      params: idParams,
      body: rejectBodySchema,
      response: { 200: workOrderViewSchema },
    },
    handler: async (request) =>
      signCloseout(ctx, requirePrincipal(request), request.params.id, {
        meaning: 'rejected',
        credentials: signerCredentialsOf(request.body),
        note: request.body.reason,
      }),
  });
  api.put('/api/v1/occurrences/:id/assignee', {
    config: { access: { permission: 'work:assign' } },
    schema: {
      tags: ['work'],
      summary:
        'Assign an open occurrence (and its work order) to a person, reassign it, or unassign it (assigneeId null); the assignee is told by e-mail',
      params: idParams,
      body: assignBodySchema,
      response: { 200: occurrenceViewSchema },
    },
    handler: assignThenShow(ctx, 'occurrence', (id) => getOccurrence(ctx, id)),
  });
  api.put('/api/v1/work-orders/:id/assignee', {
    config: { access: { permission: 'work:assign' } },
    schema: {
      tags: ['work'],
      summary:
        'Assign an open work order to a person, reassign it, or unassign it (assigneeId null); a preventive one is assigned with its occurrence',
      params: idParams,
      body: assignBodySchema,
      response: { 200: workOrderViewSchema },
    },
    handler: assignThenShow(ctx, 'work-order', (id) => getWorkOrderView(ctx, id)),
  });
  api.post('/api/v1/work/bulk-assign', {
    config: { access: { permission: 'work:assign' } },
    schema: {
      tags: ['work'],
      summary:
        'Assign (or unassign) many occurrences and work orders at once: each row is done or refused with its reason, and a refused row writes nothing',
      body: bulkAssignBodySchema,
      response: { 200: bulkAssignResponseSchema },
    },
    handler: async (request) =>
      assignWork(ctx, requirePrincipal(request).actor, {
        items: request.body.items,
        assigneeId: request.body.assigneeId,
      }),
  });
  registerCommentThreads(api, ctx, [
    { url: '/api/v1/work-orders/:id/comments', subject: workOrderComments, tag: 'work' },
  ]);
  registerEvidenceUploads(api, ctx, [
    {
      url: '/api/v1/work-orders/:id/evidence',
      owner: workOrderEvidence,
      permission: 'work:perform',
      tag: 'work',
      summary: 'Attach an evidence file (multipart field "file")',
    },
  ]);
}

/** The handler of both single assignee routes: assign (or unassign), then the record as it now is. */
function assignThenShow<View>(
  ctx: AppContext,
  type: WorkRefType,
  show: (id: string) => Promise<View>,
) {
  return async (
    request: FastifyRequest & { params: { id: string }; body: { assigneeId: string | null } },
  ) => {
    const ref = { type, id: request.params.id };
    await assignOne(ctx, requirePrincipal(request).actor, ref, request.body.assigneeId);
    return show(request.params.id);
  };
}
