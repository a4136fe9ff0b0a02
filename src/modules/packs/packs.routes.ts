import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { findPackSigningKey } from '../keys/get-pack-signing-key.js';
import {
  downloadEvidencePack,
  getPackJob,
  listPackJobs,
  requestEvidencePack,
} from './pack-job.service.js';
import {
  frameworkCoverageSchema,
  packIdParamsSchema,
  packJobListSchema,
  packJobSchema,
  packPeriodSchema,
  packPublicKeySchema,
} from './pack.schema.js';
import { reportFrameworkCoverage } from './report-framework-coverage.js';
import type { PackJobRunner } from './run-pack-job.js';
import { assertWithinEngagement, engagementScope } from '../../platform/http/engagement.js';
import { pageQuerySchema } from '../../platform/http/paging.js';

/**
 * Evidence packs (asynchronous: request, follow progress, download) and the framework coverage
 * view. Packs are built by the in-process runner the composition root starts and drains.
 */
export function registerPackRoutes(api: Api, ctx: AppContext, runner: PackJobRunner): void {
  api.post('/api/v1/reports/packs', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['reports'],
      summary: 'Request an evidence pack of a framework for a period; built in the background',
      body: packPeriodSchema,
      response: { 202: packJobSchema },
    },
    handler: async (request, reply) => {
      assertWithinEngagement(request.principal, request.body);
      const job = await requestEvidencePack(ctx, requirePrincipal(request).actor, request.body);
      runner.enqueue(job.id);
      return reply.status(202).send(job);
    },
  });
  api.get('/api/v1/reports/packs', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['reports'],
      summary: 'Evidence packs, newest first (paged)',
      querystring: pageQuerySchema,
      response: { 200: packJobListSchema },
    },
    // An engaged auditor lists only the packs whose framework and period lie in the engagement.
    handler: async (request) => {
      const scope = engagementScope(request.principal);
      return listPackJobs(
        ctx,
        request.query,
        scope
          ? { framework: scope.framework, from: scope.periodFrom, to: scope.periodTo }
          : undefined,
      );
    },
  });
  api.get('/api/v1/reports/packs/:id', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['reports'],
      summary: 'An evidence pack job: state and progress (files done of total)',
      params: packIdParamsSchema,
      response: { 200: packJobSchema },
    },
    handler: async (request) => {
      const pack = await getPackJob(ctx, request.params.id);
      assertWithinEngagement(request.principal, pack);
      return pack;
    },
  });
  api.get('/api/v1/reports/packs/:id/download', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'download' },
    schema: {
      tags: ['reports'],
      summary: 'Download a finished evidence pack (zip); every download is audited',
      params: packIdParamsSchema,
      response: { 200: z.string().describe('application/zip') },
    },
    handler: async (request, reply) => {
      assertWithinEngagement(request.principal, await getPackJob(ctx, request.params.id));
      const { pack, filename, content } = await downloadEvidencePack(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
      );
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('content-length', String(pack.sizeBytes ?? ''))
        .header('x-manifest-sha256', pack.manifestSha256 ?? '')
        .send(content as unknown as string);
    },
  });
  api.get('/api/v1/packs/public-key', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'register' },
    schema: {
      tags: ['reports'],
      summary:
        'The Ed25519 public key that signs evidence pack manifests, with its fingerprint (null until the first pack)',
      response: { 200: packPublicKeySchema },
    },
    handler: async () => {
      const key = await findPackSigningKey(ctx);
      return {
        algorithm: 'Ed25519' as const,
        publicKeyPem: key?.publicKeyPem ?? null,
        fingerprint: key?.fingerprint ?? null,
        createdAt: key?.createdAt ?? null,
      };
    },
  });
  api.get('/api/v1/reports/framework-coverage', {
    config: { access: { permission: 'reports:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['reports'],
      summary:
        'Every requirement of a framework with its mapped controls and whether evidence covers the period',
      querystring: packPeriodSchema,
      response: { 200: frameworkCoverageSchema },
    },
    handler: async (request) => {
      assertWithinEngagement(request.principal, request.query);
      return reportFrameworkCoverage(ctx, request.query);
    },
  });
}
