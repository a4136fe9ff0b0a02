/** CAPA records and nonconformances raised by hand, with types inferred from the server's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddActionInput,
  CapaDetail,
  CapaView,
  CheckOutcome,
  OpenCapaInput,
  RootCauseMethod,
  UpdateActionInput,
} from '../../../src/modules/capas/capa.schema.js';
import { ROOT_CAUSE_METHODS } from '../../../src/modules/capas/capa.schema.js';
import type { CapaStatus } from '../../../src/modules/capas/capa-status.js';
import type { RaiseNonconformanceInput } from '../../../src/modules/nonconformances/nonconformance.schema.js';
import type { BodyOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';

export type { CapaDetail, CapaStatus, CapaView, CheckOutcome, RootCauseMethod };
export { ROOT_CAUSE_METHODS };

const CAPAS = 'capas';

/** CAPAs, newest first; `open` keeps those not closed. */
export function useCapas(filter: { open: boolean }) {
  const query = filter.open ? { open: 'true' as const } : {};
  return usePagedList([CAPAS, 'list', query], '/capas', { query });
}

export function useCapa(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [CAPAS, 'detail', id],
    queryFn: () => api.get('/capas/{id}', { path: { id } }),
  });
}

/** After any change: CAPAs, and the work lists (nonconformances) that show them. */
function useInvalidateCapas() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [CAPAS] });
    await queryClient.invalidateQueries({ queryKey: ['work'] });
  };
}

export function useOpenCapa() {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: Omit<OpenCapaInput, 'kind'> & Partial<Pick<OpenCapaInput, 'kind'>>) =>
      api.send('POST', '/capas', { body: input }),
    onSuccess: invalidate,
  });
}

export function useRecordRootCause(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: { method: RootCauseMethod; text: string }) =>
      api.send('POST', '/capas/{id}/root-cause', { path: { id }, body: input }),
    onSuccess: invalidate,
  });
}

export function useAddCapaAction(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: AddActionInput) =>
      api.send('POST', '/capas/{id}/actions', { path: { id }, body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateCapaAction(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: ({ actionId, status, note }: UpdateActionInput & { actionId: string }) =>
      api.send('PATCH', '/capas/{id}/actions/{actionId}', {
        path: { id, actionId },
        body: { status, ...(note ? { note } : {}) },
      }),
    onSuccess: invalidate,
  });
}

export function useSignEffectivenessCheck(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: BodyOf<'/capas/{id}/effectiveness-check', 'post'>) =>
      api.send('POST', '/capas/{id}/effectiveness-check', { path: { id }, body: input }),
    onSuccess: invalidate,
  });
}

export function useCloseCapa(id: string) {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: () => api.send('POST', '/capas/{id}/close', { path: { id } }),
    onSuccess: invalidate,
  });
}

/** Raises a nonconformance by hand, with every field a quality system asks for. */
export function useRaiseNonconformance() {
  const api = useApiClient();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: RaiseNonconformanceInput) =>
      api.send('POST', '/nonconformances', { body: input }),
    onSuccess: invalidate,
  });
}
