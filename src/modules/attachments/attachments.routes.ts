import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import type { Permission } from '../../platform/auth/policy.js';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import { assertWithinEngagement } from '../../platform/http/engagement.js';
import { sendEvidenceFile, uploadedEvidenceFile } from '../../platform/http/evidence-files.js';
import { attachEvidence } from './attach-evidence.js';
import type { AttachmentOwner } from './attachment-owner.js';
import { attachmentViewSchema } from './attachment.schema.js';
import { openAttachment } from './open-attachment.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** The one download route of every evidence file, whatever record it belongs to. */
export function registerAttachmentRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/evidence/:id/download', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'download' },
    schema: {
      tags: ['evidence'],
      summary: 'Download an evidence file of any record (decrypted, checked before sending)',
      params: idParams,
    },
    handler: async (request, reply) => {
      const { evidence, content } = await openAttachment(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        (record) => assertWithinEngagement(request.principal, { at: record.uploadedAt }),
      );
      return sendEvidenceFile(reply, evidence, content);
    },
  });
}

export interface EvidenceUpload {
  /** `/api/v1/<records>/:id/evidence` */
  url: string;
  owner: AttachmentOwner;
  permission: Permission;
  tag: string;
  summary: string;
}

/**
 * The upload routes of a module's record types, in one scope that alone parses multipart bodies
 * (one file part, the evidence store's size limit). Each answers 201 with the attachment.
 */
export function registerEvidenceUploads(
  api: Api,
  ctx: AppContext,
  uploads: readonly EvidenceUpload[],
): void {
  void api.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: ctx.evidenceStore.maxBytes + 1024 * 1024, files: 1, fields: 0, parts: 1 },
    });
    for (const upload of uploads) {
      asApi(scope).post(upload.url, {
        config: { access: { permission: upload.permission } },
        schema: {
          tags: [upload.tag],
          summary: upload.summary,
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: attachmentViewSchema },
        },
        handler: async (request, reply) => {
          const evidence = await attachEvidence(
            ctx,
            requirePrincipal(request).actor,
            upload.owner,
            request.params.id,
            await uploadedEvidenceFile(request),
          );
          return reply.status(201).send(evidence);
        },
      });
    }
  });
}
