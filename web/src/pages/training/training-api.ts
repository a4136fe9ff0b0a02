/**
 * Training as the web app reads it: the caller's own assignments (quiz and signed
 * acknowledgement) and the training register. Types are inferred from the server's zod schemas
 * (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApiClient } from '../../api/ApiProvider.js';
import { usePagedList } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  TrainingAssignmentView,
  TrainingDetail,
  quizAttemptResultSchema,
} from '../../../../src/modules/training/training.schema.js';

export type { TrainingAssignmentView, TrainingDetail };
export type QuizAttemptResult = z.infer<typeof quizAttemptResultSchema>;

const TRAINING = 'training';

/** The caller's own training, newest first, a page at a time. */
export function useMyTraining() {
  return usePagedList([TRAINING, 'mine'], '/my/training', {});
}

/** The training register (everyone's), optionally only overdue training. */
export function useTrainingRegister(overdue: boolean) {
  const query = overdue ? { overdue: 'true' as const } : {};
  return usePagedList([TRAINING, 'register', query], '/training', { query });
}

export function useOwnTraining(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [TRAINING, 'detail', id],
    queryFn: () => api.get('/my/training/{id}', { path: { id } }),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [TRAINING] });
}

export function useSubmitQuizAttempt(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (answers: number[]) =>
      api.send('POST', '/my/training/{id}/quiz-attempts', { path: { id }, body: { answers } }),
    onSuccess: invalidate,
  });
}

export function useAcknowledgeTraining(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (credentials: SignatureCredentials) =>
      api.send('POST', '/my/training/{id}/acknowledge', { path: { id }, body: credentials }),
    onSuccess: invalidate,
  });
}
