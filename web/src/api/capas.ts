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
import type {
  NonconformanceView,
  RaiseNonconformanceInput,
} from '../../../src/modules/nonconformances/nonconformance.schema.js';
import { useApi } from './ApiProvider.js';
import { usePagedList } from './paging.js';

export type { CapaDetail, CapaStatus, CapaView, CheckOutcome, RootCauseMethod };
export { ROOT_CAUSE_METHODS };

const CAPAS = 'capas';

/** CAPAs, newest first; `open` keeps those not closed. */
export function useCapas(filter: { open: boolean }) {
  const query = filter.open ? { open: 'true' } : {};
  return usePagedList<CapaView>([CAPAS, 'list', query], '/capas', query);
}

export function useCapa(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [CAPAS, 'detail', id],
    queryFn: () => api.get<CapaDetail>(`/capas/${encodeURIComponent(id)}`),
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
  const api = useApi();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: Omit<OpenCapaInput, 'kind'> & Partial<Pick<OpenCapaInput, 'kind'>>) =>
      api.send<CapaDetail>('POST', '/capas', input),
    onSuccess: invalidate,
  });
}

function useCapaMutation<Input>(
  id: string,
  method: 'POST' | 'PATCH',
  path: (input: Input) => string,
  body: (input: Input) => unknown = (input) => input,
) {
  const api = useApi();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: Input) =>
      api.send<CapaDetail>(method, `/capas/${encodeURIComponent(id)}/${path(input)}`, body(input)),
    onSuccess: invalidate,
  });
}

export const useRecordRootCause = (id: string) =>
  useCapaMutation<{ method: RootCauseMethod; text: string }>(id, 'POST', () => 'root-cause');

export const useAddCapaAction = (id: string) =>
  useCapaMutation<AddActionInput>(id, 'POST', () => 'actions');

export const useUpdateCapaAction = (id: string) =>
  useCapaMutation<UpdateActionInput & { actionId: string }>(
    id,
    'PATCH',
    (input) => `actions/${encodeURIComponent(input.actionId)}`,
    ({ status, note }) => ({ status, ...(note ? { note } : {}) }),
  );

export const useSignEffectivenessCheck = (id: string) =>
  useCapaMutation<{ outcome: CheckOutcome; note: string; password: string }>(
    id,
    'POST',
    () => 'effectiveness-check',
  );

export const useCloseCapa = (id: string) =>
  useCapaMutation<void>(
    id,
    'POST',
    () => 'close',
    () => undefined,
  );

/** Raises a nonconformance by hand, with every field a quality system asks for. */
export function useRaiseNonconformance() {
  const api = useApi();
  const invalidate = useInvalidateCapas();
  return useMutation({
    mutationFn: (input: RaiseNonconformanceInput) =>
      api.send<NonconformanceView>('POST', '/nonconformances', input),
    onSuccess: invalidate,
  });
}
