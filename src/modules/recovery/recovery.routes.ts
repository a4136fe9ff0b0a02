import fastifyMultipart from '@fastify/multipart';
import { sendEvidenceFile, uploadedEvidenceFile } from '../../platform/http/evidence-files.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { asApi, type Api } from '../../platform/http/api-types.js';
import { pageSchema } from '../../platform/http/paging.js';
import { verifyBodySchema } from '../work-orders/work-order.schema.js';
import {
  drExerciseDetailSchema,
  drExerciseViewSchema,
  listDrExercisesQuerySchema,
  recordDrExerciseBodySchema,
} from './dr-exercise.schema.js';
import { getDrExercise, listDrExercisePage } from './dr-exercise.service.js';
import { recordDrExercise } from './record-dr-exercise.js';
import { attachRecoveryEvidence, openRecoveryEvidence } from './attach-recovery-evidence.js';
import type { RecoveryRecordType } from './recovery-evidence.repository.js';
import { recoveryEvidenceViewSchema } from './recovery-record.schema.js';
import { recordRestoreTest } from './record-restore-test.js';
import { reportSoc2A12 } from './report-soc2-a12.js';
import { soc2A12PageSchema, soc2A12QuerySchema } from './soc2-a12.schema.js';
import {
  listRestoreTestsQuerySchema,
  recordRestoreTestBodySchema,
  restoreTestDetailSchema,
  restoreTestViewSchema,
} from './restore-test.schema.js';
import { getRestoreTest, listRestoreTestPage } from './restore-test.service.js';
import { verifyDrExercise } from './verify-dr-exercise.js';
import { verifyRestoreTest } from './verify-restore-test.js';
import {
  assertWithinEngagement,
  engagementInstant,
  engagementPeriod,
} from '../../platform/http/engagement.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });

/** Restore tests and DR exercises: recorded by who did them, verified by someone else's signature. */
export function registerRecoveryRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/restore-tests', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['recovery'],
      summary: 'Restore tests, latest first (paged)',
      querystring: listRestoreTestsQuerySchema,
      response: { 200: pageSchema(restoreTestViewSchema) },
    },
    handler: async (request) =>
      listRestoreTestPage(ctx, request.query, engagementPeriod(request.principal)),
  });
  api.get('/api/v1/restore-tests/:id', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['recovery'],
      summary: 'One restore test with evidence, deficiencies and the occurrences it satisfied',
      params: idParams,
      response: { 200: restoreTestDetailSchema },
    },
    handler: async (request) => {
      const test = await getRestoreTest(ctx, request.params.id);
      assertWithinEngagement(request.principal, { at: test.startedAt });
      return test;
    },
  });
  api.post('/api/v1/restore-tests', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['recovery'],
      summary: 'Record a restore test you performed; it is judged against the asset targets',
      body: recordRestoreTestBodySchema,
      response: { 201: restoreTestDetailSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await recordRestoreTest(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.post('/api/v1/restore-tests/:id/verify', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['recovery'],
      summary: 'Verify a restore test with an e-signature (not by its performer)',
      params: idParams,
      body: verifyBodySchema,
      response: { 200: restoreTestDetailSchema },
    },
    handler: async (request) =>
      verifyRestoreTest(ctx, requirePrincipal(request), request.params.id, {
        credentials: { password: request.body.password, totpCode: request.body.totpCode },
        note: request.body.note ?? '',
      }),
  });
  api.get('/api/v1/dr-exercises', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['recovery'],
      summary: 'DR exercises, latest first (paged)',
      querystring: listDrExercisesQuerySchema,
      response: { 200: pageSchema(drExerciseViewSchema) },
    },
    handler: async (request) =>
      listDrExercisePage(ctx, request.query, engagementPeriod(request.principal)),
  });
  api.get('/api/v1/dr-exercises/:id', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['recovery'],
      summary: 'One DR exercise with evidence, deficiencies and the occurrence it satisfied',
      params: idParams,
      response: { 200: drExerciseDetailSchema },
    },
    handler: async (request) => {
      const exercise = await getDrExercise(ctx, request.params.id);
      assertWithinEngagement(request.principal, { at: exercise.startedAt });
      return exercise;
    },
  });
  api.post('/api/v1/dr-exercises', {
    config: { access: { permission: 'work:perform' } },
    schema: {
      tags: ['recovery'],
      summary: 'Record a completed DR exercise; each deficiency becomes a nonconformance',
      body: recordDrExerciseBodySchema,
      response: { 201: drExerciseDetailSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await recordDrExercise(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.post('/api/v1/dr-exercises/:id/verify', {
    config: { access: { permission: 'work:verify' } },
    schema: {
      tags: ['recovery'],
      summary: 'Verify a DR exercise with an e-signature (not by whoever recorded it)',
      params: idParams,
      body: verifyBodySchema,
      response: { 200: drExerciseDetailSchema },
    },
    handler: async (request) =>
      verifyDrExercise(ctx, requirePrincipal(request), request.params.id, {
        credentials: { password: request.body.password, totpCode: request.body.totpCode },
        note: request.body.note ?? '',
      }),
  });
  api.get('/api/v1/soc2/a1-2', {
    config: { access: { permission: 'posture:read' }, engagedAuditor: 'period' },
    schema: {
      tags: ['recovery'],
      summary: 'SOC 2 A1.2: each action item and point of focus, its status and its evidence',
      querystring: soc2A12QuerySchema,
      response: { 200: soc2A12PageSchema },
    },
    handler: async (request) => {
      const at = engagementInstant(request.principal, request.query.at, ctx.clock.now());
      assertWithinEngagement(request.principal, { framework: 'soc2', at });
      return reportSoc2A12(ctx, { ...request.query, at });
    },
  });
  api.get('/api/v1/recovery-evidence/:id/download', {
    config: { access: { permission: 'work:read' }, engagedAuditor: 'download' },
    schema: {
      tags: ['recovery'],
      summary: 'Download an evidence file of a restore test or DR exercise (decrypted)',
      params: idParams,
    },
    handler: async (request, reply) => {
      const { evidence, content } = await openRecoveryEvidence(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        (record) => assertWithinEngagement(request.principal, { at: record.uploadedAt }),
      );
      return sendEvidenceFile(reply, evidence, content);
    },
  });

  // Multipart parsing exists only in this scope, for the routes that take a file upload.
  void api.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: ctx.evidenceStore.maxBytes + 1024 * 1024, files: 1, fields: 0, parts: 1 },
    });
    const uploads: [string, RecoveryRecordType][] = [
      ['/api/v1/restore-tests/:id/evidence', 'restore-test'],
      ['/api/v1/dr-exercises/:id/evidence', 'dr-exercise'],
    ];
    for (const [url, recordType] of uploads) {
      asApi(scope).post(url, {
        config: { access: { permission: 'work:perform' } },
        schema: {
          tags: ['recovery'],
          summary: 'Attach an evidence file (multipart field "file") until the record is verified',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: recoveryEvidenceViewSchema },
        },
        handler: async (request, reply) => {
          const evidence = await attachRecoveryEvidence(
            ctx,
            requirePrincipal(request).actor,
            recordType,
            request.params.id,
            await uploadedEvidenceFile(request),
          );
          return reply.status(201).send(evidence);
        },
      });
    }
  });
}
