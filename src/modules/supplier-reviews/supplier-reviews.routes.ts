import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { pageQuerySchema } from '../../platform/http/paging.js';
import { registerEvidenceUploads } from '../attachments/attachments.routes.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { signSupplierReview } from './sign-supplier-review.js';
import {
  listSupplierCertificates,
  recordSupplierCertificate,
} from './supplier-certificate-renewals.js';
import { supplierEventEvidence, supplierReviewEvidence } from './supplier-evidence.js';
import {
  addCuecBodySchema,
  addSupplierEventBodySchema,
  checkCuecBodySchema,
  createReviewBodySchema,
  listReviewsQuerySchema,
  recordCertificateBodySchema,
  reviewDetailSchema,
  reviewPageSchema,
  signReviewBodySchema,
  supplierCertificatesSchema,
  supplierEventPageSchema,
  supplierEventViewSchema,
  updateReviewBodySchema,
} from './supplier-review.schema.js';
import {
  addSupplierReviewCuec,
  checkSupplierReviewCuec,
  createSupplierReview,
  getSupplierReview,
  listSupplierReviews,
  updateSupplierReview,
} from './supplier-review.service.js';
import { addSupplierEvent, listSupplierEvents } from './supplier-timeline.service.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });
const keyParams = z.object({ key: registerKeySchema });
const cuecParams = idParams.extend({
  position: z.coerce.number().int('must be a whole number').min(1).max(10_000),
});

/** Supplier oversight: reviews, certificates and timelines (docs/suppliers.md). */
export function registerSupplierReviewRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  const write = { access: { permission: 'register:write' as const } };
  const review = { access: { permission: 'suppliers:review' as const } };

  api.get('/api/v1/supplier-reviews', {
    config: read,
    schema: {
      tags: ['suppliers'],
      summary: 'Supplier reviews, newest first, a page at a time',
      querystring: listReviewsQuerySchema,
      response: { 200: reviewPageSchema },
    },
    handler: async (request) => listSupplierReviews(ctx, request.query),
  });
  api.get('/api/v1/suppliers/:key/reviews', {
    config: read,
    schema: {
      tags: ['suppliers'],
      summary: "One supplier's reviews, newest first, a page at a time",
      params: keyParams,
      querystring: pageQuerySchema,
      response: { 200: reviewPageSchema },
    },
    handler: async (request) =>
      listSupplierReviews(ctx, { ...request.query, supplier: request.params.key }),
  });
  api.post('/api/v1/suppliers/:key/reviews', {
    config: review,
    schema: {
      tags: ['suppliers'],
      summary: "Start the review of a supplier's report or certificate (a draft, with its CUECs)",
      params: keyParams,
      body: createReviewBodySchema,
      response: { 201: reviewDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createSupplierReview(ctx, principal.actor, request.params.key, request.body);
      return reply.status(201).send(await getSupplierReview(ctx, id, principal));
    },
  });
  api.get('/api/v1/supplier-reviews/:id', {
    config: read,
    schema: {
      tags: ['suppliers'],
      summary: 'One supplier review with its CUECs, evidence, signature and abilities',
      params: idParams,
      response: { 200: reviewDetailSchema },
    },
    handler: async (request) =>
      getSupplierReview(ctx, request.params.id, requirePrincipal(request)),
  });
  api.patch('/api/v1/supplier-reviews/:id', {
    config: review,
    schema: {
      tags: ['suppliers'],
      summary: 'Change the report details or findings of a draft review',
      params: idParams,
      body: updateReviewBodySchema,
      response: { 200: reviewDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await updateSupplierReview(ctx, principal.actor, request.params.id, request.body);
      return getSupplierReview(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/supplier-reviews/:id/cuecs', {
    config: review,
    schema: {
      tags: ['suppliers'],
      summary: 'Add a complementary user-entity control to a draft review',
      params: idParams,
      body: addCuecBodySchema,
      response: { 201: reviewDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      await addSupplierReviewCuec(ctx, principal.actor, request.params.id, request.body.text);
      return reply.status(201).send(await getSupplierReview(ctx, request.params.id, principal));
    },
  });
  api.patch('/api/v1/supplier-reviews/:id/cuecs/:position', {
    config: review,
    schema: {
      tags: ['suppliers'],
      summary: 'Check one CUEC of a draft review: in place or not, with a comment',
      params: cuecParams,
      body: checkCuecBodySchema,
      response: { 200: reviewDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await checkSupplierReviewCuec(
        ctx,
        principal.actor,
        request.params.id,
        request.params.position,
        request.body,
      );
      return getSupplierReview(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/supplier-reviews/:id/sign', {
    config: review,
    schema: {
      tags: ['suppliers'],
      summary:
        'Sign the decision (approved, approved with conditions, not approved) with re-authentication; needs the report attached and every CUEC checked',
      params: idParams,
      body: signReviewBodySchema,
      response: { 200: reviewDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await signSupplierReview(ctx, principal, request.params.id, request.body);
      return getSupplierReview(ctx, request.params.id, principal);
    },
  });

  api.get('/api/v1/suppliers/:key/certificates', {
    config: read,
    schema: {
      tags: ['suppliers'],
      summary: "A supplier's certifications with the renewal opened for each",
      params: keyParams,
      response: { 200: supplierCertificatesSchema },
    },
    handler: async (request) => listSupplierCertificates(ctx, request.params.key),
  });
  api.post('/api/v1/suppliers/:key/certificates', {
    config: review,
    schema: {
      tags: ['suppliers'],
      summary:
        'Record a renewed certificate: its new expiry, on the timeline; completes its open renewal',
      params: keyParams,
      body: recordCertificateBodySchema,
      response: { 200: supplierCertificatesSchema },
    },
    handler: async (request) => {
      await recordSupplierCertificate(
        ctx,
        requirePrincipal(request).actor,
        request.params.key,
        request.body,
      );
      return listSupplierCertificates(ctx, request.params.key);
    },
  });
  api.get('/api/v1/suppliers/:key/timeline', {
    config: read,
    schema: {
      tags: ['suppliers'],
      summary:
        "A supplier's timeline (service reports, incidents, certificates, reviews), newest first",
      params: keyParams,
      querystring: pageQuerySchema,
      response: { 200: supplierEventPageSchema },
    },
    handler: async (request) => listSupplierEvents(ctx, request.params.key, request.query),
  });
  api.post('/api/v1/suppliers/:key/timeline', {
    config: write,
    schema: {
      tags: ['suppliers'],
      summary: "Add a service report, an incident or a note to a supplier's timeline",
      params: keyParams,
      body: addSupplierEventBodySchema,
      response: { 201: supplierEventViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await addSupplierEvent(
            ctx,
            requirePrincipal(request).actor,
            request.params.key,
            request.body,
          ),
        ),
  });

  registerEvidenceUploads(api, ctx, [
    {
      url: '/api/v1/supplier-reviews/:id/evidence',
      owner: supplierReviewEvidence,
      permission: 'suppliers:review',
      tag: 'suppliers',
      summary:
        'Attach the supplier\'s report, certificate or bridge letter (multipart field "file") until the review is signed',
    },
    {
      url: '/api/v1/supplier-events/:id/evidence',
      owner: supplierEventEvidence,
      permission: 'register:write',
      tag: 'suppliers',
      summary:
        'Attach a file (a service report…) to a supplier timeline entry (multipart field "file")',
    },
  ]);
}
