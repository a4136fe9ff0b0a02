/**
 * Restore tests, DR exercises, deficiencies and the SOC 2 A1.2 page, with types inferred from the
 * server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DrExerciseDetail,
  recordDrExerciseBodySchema,
} from '../../../src/modules/recovery/dr-exercise.schema.js';
import type {
  recordRestoreTestBodySchema,
  RestoreTestDetail,
} from '../../../src/modules/recovery/restore-test.schema.js';
import type { Soc2A12Page } from '../../../src/modules/recovery/soc2-a12.schema.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { SignatureCredentials } from './work-types.js';

export type { DrExerciseDetail, RestoreTestDetail, Soc2A12Page };
export type RecordRestoreTestInput = z.input<typeof recordRestoreTestBodySchema>;
export type RecordDrExerciseInput = z.input<typeof recordDrExerciseBodySchema>;
export type SignInput = SignatureCredentials & { note?: string };

/** A restore test or DR exercise: the records that are verified and carry evidence files. */
export interface RecoveryRecordRef {
  kind: 'restore-test' | 'dr-exercise';
  id: string;
}

/** What a recovery signature signs: a record's verification, or a deficiency's closure. */
export type SignedRecoveryRef = RecoveryRecordRef | { kind: 'deficiency'; id: string };

const SIGN_PATH = {
  'restore-test': '/restore-tests/{id}/verify',
  'dr-exercise': '/dr-exercises/{id}/verify',
  deficiency: '/nonconformances/{id}/verify-closure',
} as const satisfies Record<SignedRecoveryRef['kind'], string>;

const EVIDENCE_PATH = {
  'restore-test': '/restore-tests/{id}/evidence',
  'dr-exercise': '/dr-exercises/{id}/evidence',
} as const satisfies Record<RecoveryRecordRef['kind'], string>;

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
  return usePagedList([RECOVERY, 'restore-tests'], '/restore-tests', {});
}

export function useRestoreTest(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [RECOVERY, 'restore-test', id],
    queryFn: () => api.get('/restore-tests/{id}', { path: { id } }),
  });
}

export function useRecordRestoreTest() {
  const api = useApiClient();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (input: RecordRestoreTestInput) =>
      api.send('POST', '/restore-tests', { body: input }),
    onSuccess: invalidate,
  });
}

/** DR exercises, latest first, a page at a time. */
export function useDrExercises() {
  return usePagedList([RECOVERY, 'dr-exercises'], '/dr-exercises', {});
}

export function useDrExercise(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [RECOVERY, 'dr-exercise', id],
    queryFn: () => api.get('/dr-exercises/{id}', { path: { id } }),
  });
}

export function useRecordDrExercise() {
  const api = useApiClient();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (input: RecordDrExerciseInput) =>
      api.send('POST', '/dr-exercises', { body: input }),
    onSuccess: invalidate,
  });
}

/** Verifies a restore test or DR exercise, or closes a deficiency: a signed POST. */
export function useSignRecovery(signed: SignedRecoveryRef) {
  const api = useApiClient();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (input: SignInput) =>
      api.send('POST', SIGN_PATH[signed.kind], { path: { id: signed.id }, body: input }),
    onSuccess: invalidate,
  });
}

/** Attaches a file to a restore test or DR exercise. */
export function useAttachRecoveryEvidence(record: RecoveryRecordRef) {
  const api = useApiClient();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.send('POST', EVIDENCE_PATH[record.kind], { path: { id: record.id }, form });
    },
    onSuccess: invalidate,
  });
}

/** Starts or resolves a deficiency. */
export function useDeficiencyStep() {
  const api = useApiClient();
  const invalidate = useInvalidateRecovery();
  return useMutation({
    mutationFn: (
      input:
        { id: string; step: 'start' } | { id: string; step: 'resolve'; resolutionNote: string },
    ) =>
      input.step === 'resolve'
        ? api.send('POST', '/nonconformances/{id}/resolve', {
            path: { id: input.id },
            body: { resolutionNote: input.resolutionNote },
          })
        : api.send('POST', '/nonconformances/{id}/start', { path: { id: input.id } }),
    onSuccess: invalidate,
  });
}

export function useSoc2A12() {
  const api = useApiClient();
  return useQuery({
    queryKey: [RECOVERY, 'soc2-a12'],
    queryFn: () => api.get('/soc2/a1-2'),
  });
}
