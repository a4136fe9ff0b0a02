import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import type { Principal } from '../../platform/http/principal.js';
import { toStoredQuiz, type QuizInput } from '../training/quiz.js';
import {
  documentBodySchema,
  documentDetailSchema,
  documentKeyParams,
  documentPageSchema,
  documentVersionParams,
  documentVersionViewSchema,
  importDocumentBodySchema,
  importDocumentResultSchema,
  linkBodySchema,
  listDocumentsQuerySchema,
  periodicReviewBodySchema,
  quizBodySchema,
  signDocumentBodySchema,
  signerMappingBodySchema,
  signerMappingsSchema,
  transitionDocumentBodySchema,
  type TransitionDocumentBody,
} from './document.schema.js';
import {
  attachQuiz,
  getDocument,
  getDocumentBody,
  linkDocument,
  listDocuments,
  listDocumentVersions,
  listSignerMappings,
  mapSignerName,
  transitionDocumentVersion,
} from './document.service.js';
import { importDocument } from './import-document.js';
import { reviewDocumentVersion } from './review-document.js';
import { printableDocument } from './printable-document.js';
import { signDocumentVersion } from './sign-document-version.js';

/** Controlled documents: import, versions, sign-offs, rendering, mappings, links (docs/documents.md). */
export function registerDocumentRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'documents:read' as const } };
  const manage = { access: { permission: 'documents:manage' as const } };
  const sign = { access: { permission: 'documents:sign' as const } };

  api.get('/api/v1/documents', {
    config: read,
    schema: {
      tags: ['documents'],
      summary:
        'Controlled documents by id, each with its latest version and status, a page at a time',
      querystring: listDocumentsQuerySchema,
      response: { 200: documentPageSchema },
    },
    handler: (request) => listDocuments(ctx, request.query),
  });
  api.post('/api/v1/documents/import', {
    config: manage,
    schema: {
      tags: ['documents'],
      summary:
        'Import a Markdown document with YAML front matter: a new document, its next version, or already recorded; nothing stored on any error',
      body: importDocumentBodySchema,
      response: { 200: importDocumentResultSchema, 201: importDocumentResultSchema },
    },
    handler: async (request, reply) => {
      const result = await importDocument(ctx, requirePrincipal(request), request.body);
      return reply.status(result.created > 0 ? 201 : 200).send(result);
    },
  });
  api.get('/api/v1/documents/signer-mappings', {
    config: read,
    schema: {
      tags: ['documents'],
      summary: 'Reviewer and approver names mapped to people',
      response: { 200: signerMappingsSchema },
    },
    handler: () => listSignerMappings(ctx),
  });
  api.put('/api/v1/documents/signer-mappings/:name', {
    config: manage,
    schema: {
      tags: ['documents'],
      summary:
        'Map a reviewer or approver name (e.g. quality-lead) to people; an empty list removes it',
      params: z.object({ name: z.string().trim().min(1).max(200) }),
      body: signerMappingBodySchema,
      response: { 200: signerMappingsSchema },
    },
    handler: async (request) => {
      await mapSignerName(
        ctx,
        requirePrincipal(request).actor,
        request.params.name,
        request.body.emails,
      );
      return listSignerMappings(ctx);
    },
  });
  api.get('/api/v1/documents/:key', {
    config: read,
    schema: {
      tags: ['documents'],
      summary:
        'A document: latest and effective versions, change history, links, what the caller may sign',
      params: documentKeyParams,
      response: { 200: documentDetailSchema },
    },
    handler: (request) => getDocument(ctx, request.params.key, requirePrincipal(request)),
  });
  api.get('/api/v1/documents/:key/versions', {
    config: read,
    schema: {
      tags: ['documents'],
      summary: 'Every version of a document, newest first, with its sign-offs',
      params: documentKeyParams,
      response: { 200: z.object({ items: z.array(documentVersionViewSchema) }) },
    },
    handler: (request) => listDocumentVersions(ctx, request.params.key),
  });
  api.get('/api/v1/documents/:key/versions/:version/body', {
    config: read,
    schema: {
      tags: ['documents'],
      summary: "A version's text as Markdown and as HTML (every text escaped)",
      params: documentVersionParams,
      response: { 200: documentBodySchema },
    },
    handler: async (request) => {
      const body = await getDocumentBody(ctx, request.params.key, request.params.version);
      return { version: body.version, markdown: body.markdown, html: body.html };
    },
  });
  api.get('/api/v1/documents/:key/versions/:version/printable', {
    config: read,
    schema: {
      tags: ['documents'],
      summary: 'A version as a self-contained printable page with its approval block',
      params: documentVersionParams,
      produces: ['text/html'],
    },
    handler: async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(await printableDocument(ctx, request.params.key, request.params.version)),
  });
  api.post('/api/v1/documents/:key/versions/:version/sign', {
    config: sign,
    schema: {
      tags: ['documents'],
      summary:
        'Sign a version in review as reviewer (reviewed) or approver (approved), with re-authentication; no approval before every review',
      params: documentVersionParams,
      body: signDocumentBodySchema,
      response: { 200: documentDetailSchema },
    },
    handler: changeVersion(ctx, signDocumentVersion),
  });
  api.post('/api/v1/documents/:key/versions/:version/transition', {
    config: manage,
    schema: {
      tags: ['documents'],
      summary: 'Submit a draft for review, or retire a version',
      params: documentVersionParams,
      body: transitionDocumentBodySchema,
      response: { 200: documentDetailSchema },
    },
    handler: changeVersion(ctx, (context, principal, key, version, body: TransitionDocumentBody) =>
      transitionDocumentVersion(context, principal.actor, key, version, body),
    ),
  });
  api.put('/api/v1/documents/:key/versions/:version/quiz', {
    config: manage,
    schema: {
      tags: ['documents'],
      summary: "Attach a version's quiz (questions, options, answer key, pass mark)",
      params: documentVersionParams,
      body: quizBodySchema,
      response: { 200: documentDetailSchema },
    },
    handler: changeVersion(ctx, (context, principal, key, version, body: QuizInput) =>
      attachQuiz(context, principal.actor, key, version, toStoredQuiz(body)),
    ),
  });
  api.post('/api/v1/documents/:key/versions/:version/periodic-review', {
    config: manage,
    schema: {
      tags: ['documents'],
      summary:
        'Sign the periodic review of the effective version as "reviewed, no change", with re-authentication: sets the next review date and meets the open review occurrence',
      params: documentVersionParams,
      body: periodicReviewBodySchema,
      response: { 200: documentDetailSchema },
    },
    handler: changeVersion(ctx, reviewDocumentVersion),
  });
  api.post('/api/v1/documents/:key/links', {
    config: manage,
    schema: {
      tags: ['documents'],
      summary: 'Link a document to a catalogue requirement or control',
      params: documentKeyParams,
      body: linkBodySchema,
      response: { 200: documentDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await linkDocument(ctx, principal.actor, request.params.key, request.body);
      return getDocument(ctx, request.params.key, principal);
    },
  });
}

/**
 * The handler of every route that changes one version (sign it, review it, move it on, give it a
 * quiz): the use case as the caller, then the document as it now stands.
 */
function changeVersion<Body>(
  ctx: AppContext,
  useCase: (
    ctx: AppContext,
    principal: Principal,
    key: string,
    version: number,
    body: Body,
  ) => Promise<void>,
) {
  return async (
    request: FastifyRequest & { params: { key: string; version: number }; body: Body },
  ) => {
    const principal = requirePrincipal(request);
    await useCase(ctx, principal, request.params.key, request.params.version, request.body);
    return getDocument(ctx, request.params.key, principal);
  };
}
