import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  acknowledgeBodySchema,
  listTrainingQuerySchema,
  quizAttemptBodySchema,
  quizAttemptResultSchema,
  trainingDetailSchema,
  trainingPageSchema,
} from './training.schema.js';
import {
  acknowledgeTraining,
  getOwnTraining,
  listTraining,
  submitQuizAttempt,
} from './training.service.js';

const idParams = z.object({ id: z.uuid() });

/** The training register and a person's own training (docs/training.md). */
export function registerTrainingRoutes(api: Api, ctx: AppContext): void {
  const register = { access: { permission: 'training:read' as const } };
  const own = { access: { permission: 'training:complete' as const } };

  api.get('/api/v1/training', {
    config: register,
    schema: {
      tags: ['training'],
      summary: 'The training register: who, what, assigned, due, completed, score (paged)',
      querystring: listTrainingQuerySchema,
      response: { 200: trainingPageSchema },
    },
    handler: (request) => listTraining(ctx, request.query),
  });
  api.get('/api/v1/my/training', {
    config: own,
    schema: {
      tags: ['training'],
      summary: "The caller's own training, newest first (paged)",
      querystring: listTrainingQuerySchema,
      response: { 200: trainingPageSchema },
    },
    handler: (request) =>
      listTraining(ctx, request.query, requirePrincipal(request).actor.id ?? undefined),
  });
  api.get('/api/v1/my/training/:id', {
    config: own,
    schema: {
      tags: ['training'],
      summary: 'One of the caller’s assignments with its quiz (no answer key) and attempts',
      params: idParams,
      response: { 200: trainingDetailSchema },
    },
    handler: (request) => getOwnTraining(ctx, request.params.id, requirePrincipal(request)),
  });
  api.post('/api/v1/my/training/:id/quiz-attempts', {
    config: own,
    schema: {
      tags: ['training'],
      summary: 'Answer the quiz (every attempt is recorded)',
      params: idParams,
      body: quizAttemptBodySchema,
      response: { 200: quizAttemptResultSchema },
    },
    handler: (request) =>
      submitQuizAttempt(ctx, requirePrincipal(request), request.params.id, request.body.answers),
  });
  api.post('/api/v1/my/training/:id/acknowledge', {
    config: own,
    schema: {
      tags: ['training'],
      summary:
        'Complete the training: e-signature "read and understood" (after a passing quiz attempt for quiz training)',
      params: idParams,
      body: acknowledgeBodySchema,
      response: { 200: trainingDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await acknowledgeTraining(ctx, principal, request.params.id, request.body);
      return getOwnTraining(ctx, request.params.id, principal);
    },
  });
}
