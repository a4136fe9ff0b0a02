/**
 * Restore tests, DR exercises, deficiencies and the SOC 2 A1.2 page, with types inferred from the
 * server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DrExerciseDetail,
  DrExerciseView,
  recordDrExerciseBodySchema,
} from '../../../src/modules/recovery/dr-exercise.schema.js';
import type {
  recordRestoreTestBodySchema,
  RestoreTestDetail,
  RestoreTestView,
} from '../../../src/modules/recovery/restore-test.schema.js';
import type { Soc2A12Page } from '../../../src/modules/recovery/soc2-a12.schema.js';
import { useApi } from './ApiProvider.js';
import { usePagedListUntyped } from './paging.js';
import type { NonconformanceView, SignatureCredentials } from './work-types.js';

export type { DrExerciseDetail, DrExerciseView, RestoreTestDetail, RestoreTestView, Soc2A12Page };
export type RecordRestoreTestInput = z.input<typeof recordRestoreTestBodySchema>;
export type RecordDrExerciseInput = z.input<typeof recordDrExerciseBodySchema>;
export type SignInput = SignatureCredentials & { note?: string };

/** Recovery records change occurrences, posture and nonconformances: one key refreshes them all. */
const RECOVERY = 'recovery';

function useInvalidateRecovery(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [RECOVERY] });
    await queryClient.invalidateQueries({ queryKey: ['work'] });
    await queryClient.invalidateQueries({ queryKey: ['posture'] });
  };
}

/** Restore tests, latest first, a page at a time. */
export function useRestoreTests() {
  return usePagedListUntyped<RestoreTestView>([RECOVERY, 'restore-tests'], '/restore-tests');
}

export function useRestoreTest(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [RECOVERY, 'restore-test', id],
    queryFn: () => api.get<RestoreTestDetail>(`/restore-tests/${encodeURIComponent(id)}`),
  });
}

export function useRecordRestoreTest() {
  const api = useApi();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (input: RecordRestoreTestInput) =>
      api.send<RestoreTestDetail>('POST', '/restore-tests', input),
    onSuccess: invalidate,
  });
}

/** DR exercises, latest first, a page at a time. */
export function useDrExercises() {
  return usePagedListUntyped<DrExerciseView>([RECOVERY, 'dr-exercises'], '/dr-exercises');
}

export function useDrExercise(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [RECOVERY, 'dr-exercise', id],
    queryFn: () => api.get<DrExerciseDetail>(`/dr-exercises/${encodeURIComponent(id)}`),
  });
}

export function useRecordDrExercise() {
  const api = useApi();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (input: RecordDrExerciseInput) =>
      api.send<DrExerciseDetail>('POST', '/dr-exercises', input),
    onSuccess: invalidate,
  });
}

/** Verifies a restore test or DR exercise, or closes a deficiency: a signed POST. */
export function useSignRecovery(path: string) {
  const api = useApi();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (input: SignInput) => api.send<unknown>('POST', path, input),
    onSuccess: invalidate,
  });
}

/** Attaches a file to a restore test or DR exercise. */
export function useAttachRecoveryEvidence(path: string) {
  const api = useApi();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<unknown>(path, form);
    },
    onSuccess: invalidate,
  });
}

/** Starts or resolves a deficiency. */
export function useDeficiencyStep() {
  const api = useApi();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (
      input:
        { id: string; step: 'start' } | { id: string; step: 'resolve'; resolutionNote: string },
    ) =>
      api.send<NonconformanceView>(
        'POST',
        `/nonconformances/${input.id}/${input.step}`,
        input.step === 'resolve' ? { resolutionNote: input.resolutionNote } : {},
      ),
    onSuccess: invalidate,
  });
}

export function useSoc2A12() {
  const api = useApi();
  return useQuery({
    queryKey: [RECOVERY, 'soc2-a12'],
    queryFn: () => api.get<Soc2A12Page>('/soc2/a1-2'),
  });
}
