import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
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
import { registerEvidenceUploads } from '../attachments/attachments.routes.js';
import { drExerciseEvidence, restoreTestEvidence } from './attach-recovery-evidence.js';
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
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

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
      const test = await getRestoreTest(ctx, request.params.id, request.principal ?? null);
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
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const recorded = await recordRestoreTest(ctx, principal.actor, request.body);
      return reply.status(201).send(await getRestoreTest(ctx, recorded.id, principal));
    },
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
        credentials: signerCredentialsOf(request.body),
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
      const exercise = await getDrExercise(ctx, request.params.id, request.principal ?? null);
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
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const recorded = await recordDrExercise(ctx, principal.actor, request.body);
      return reply.status(201).send(await getDrExercise(ctx, recorded.id, principal));
    },
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
        credentials: signerCredentialsOf(request.body),
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
  registerEvidenceUploads(api, ctx, [
    {
      url: '/api/v1/restore-tests/:id/evidence',
      owner: restoreTestEvidence,
      permission: 'work:perform',
      tag: 'recovery',
      summary:
        'Attach an evidence file (multipart field "file") until the restore test is verified',
    },
    {
      url: '/api/v1/dr-exercises/:id/evidence',
      owner: drExerciseEvidence,
      permission: 'work:perform',
      tag: 'recovery',
      summary: 'Attach an evidence file (multipart field "file") until the DR exercise is verified',
    },
  ]);
}
