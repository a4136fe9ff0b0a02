import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import { usePagedListUntyped, useWholeListUntyped } from './paging.js';
import type {
  AssetFilters,
  AssetImportReport,
  AssetInput,
  AssetPatch,
  AssetView,
  AuditEventView,
  ListResponse,
  MatrixRowInput,
  MatrixRowPatch,
  MatrixRowView,
  ProcessInput,
  ProcessPatch,
  ProcessView,
  SupplierInput,
  SupplierPatch,
  SupplierView,
} from './types.js';

/**
 * Every register query lives under the `register` key, so any change to the register refreshes
 * all of it: counts, names and matrix rows are denormalised across assets, suppliers and processes.
 */
const REGISTER = 'register';

function useInvalidateRegister(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [REGISTER] });
}

export function useAssets(filters: AssetFilters = {}) {
  const api = useApi();
  return useQuery({
    queryKey: [REGISTER, 'assets', filters],
    queryFn: () => api.get<ListResponse<AssetView>>('/assets', { ...filters }),
    select: (data) => data.items,
  });
}

/** The asset list a page at a time (keyset cursor), for the register's table. */
export function usePagedAssets(filters: AssetFilters = {}) {
  return usePagedListUntyped<AssetView>([REGISTER, 'assets', filters], '/assets', { ...filters });
}

export function useAsset(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [REGISTER, 'asset', key],
    queryFn: () => api.get<AssetView>(`/assets/${encodeURIComponent(key)}`),
  });
}

export function useAssetHistory(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [REGISTER, 'asset-history', key],
    queryFn: () =>
      api.get<ListResponse<AuditEventView>>(`/assets/${encodeURIComponent(key)}/history`),
    select: (data) => data.items,
  });
}

export function useCreateAsset() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: AssetInput) => api.send<AssetView>('POST', '/assets', input),
    onSuccess: invalidate,
  });
}

export function useUpdateAsset(key: string) {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (patch: AssetPatch) =>
      api.send<AssetView>('PATCH', `/assets/${encodeURIComponent(key)}`, patch),
    onSuccess: invalidate,
  });
}

export function useImportAssets() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: { csv: string; dryRun: boolean; partial: boolean }) =>
      api.send<AssetImportReport>('POST', '/assets/import', input.csv, {
        contentType: 'text/csv',
        query: { dryRun: input.dryRun, partial: input.partial },
        acceptNonErrorBody: true,
      }),
    onSuccess: async (report) => {
      if (report.written) await invalidate();
    },
  });
}

/** Every supplier, page after page (pickers and counts need all of them). */
export function useSuppliers() {
  return useWholeListUntyped<SupplierView>([REGISTER, 'suppliers'], '/suppliers');
}

/** Suppliers a page at a time, for the suppliers table. */
export function useSupplierPages() {
  return usePagedListUntyped<SupplierView>([REGISTER, 'suppliers'], '/suppliers');
}

export function useSupplier(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [REGISTER, 'supplier', key],
    queryFn: () => api.get<SupplierView>(`/suppliers/${encodeURIComponent(key)}`),
  });
}

export function useCreateSupplier() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: SupplierInput) => api.send<SupplierView>('POST', '/suppliers', input),
    onSuccess: invalidate,
  });
}

export function useUpdateSupplier(key: string) {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (patch: SupplierPatch) =>
      api.send<SupplierView>('PATCH', `/suppliers/${encodeURIComponent(key)}`, patch),
    onSuccess: invalidate,
  });
}

/** Every process, page after page (counts and pickers need all of them). */
export function useProcesses() {
  return useWholeListUntyped<ProcessView>([REGISTER, 'processes'], '/processes');
}

/** Processes a page at a time, for the processes table. */
export function useProcessPages() {
  return usePagedListUntyped<ProcessView>([REGISTER, 'processes'], '/processes');
}

export function useProcess(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [REGISTER, 'process', key],
    queryFn: () => api.get<ProcessView>(`/processes/${encodeURIComponent(key)}`),
  });
}

export function useCreateProcess() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: ProcessInput) => api.send<ProcessView>('POST', '/processes', input),
    onSuccess: invalidate,
  });
}

export function useUpdateProcess(key: string) {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (patch: ProcessPatch) =>
      api.send<ProcessView>('PATCH', `/processes/${encodeURIComponent(key)}`, patch),
    onSuccess: invalidate,
  });
}

/** The whole matrix, or one process's or asset's rows, page after page: the pages group them. */
export function useMatrix(filter: { process?: string; asset?: string } = {}) {
  return useWholeListUntyped<MatrixRowView>([REGISTER, 'matrix', filter], '/matrix', filter);
}

export function useLinkAsset() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: MatrixRowInput) => api.send<MatrixRowView>('POST', '/matrix', input),
    onSuccess: invalidate,
  });
}

export function useUpdateMatrixRow() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: MatrixRowPatch }) =>
      api.send<MatrixRowView>('PATCH', `/matrix/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useUnlinkMatrixRow() {
  const api = useApi();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (id: string) => api.send<{ ok: true }>('DELETE', `/matrix/${id}`),
    onSuccess: invalidate,
  });
}
