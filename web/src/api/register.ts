import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { prefetchPagedList, usePagedList, useWholeList, wholeListOptions } from './paging.js';
import type { FirstLoadClients } from './first-load.js';
import type {
  AssetFilters,
  AssetInput,
  AssetPatch,
  MatrixRowInput,
  MatrixRowPatch,
  ProcessInput,
  ProcessPatch,
  SupplierInput,
  SupplierPatch,
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

export function assetsOptions(api: Pick<ApiClient, 'get'>, filters: AssetFilters = {}) {
  return queryOptions({
    queryKey: [REGISTER, 'assets', filters],
    queryFn: () => api.get('/assets', { query: filters }),
  });
}

export function useAssets(filters: AssetFilters = {}) {
  return useQuery({
    ...assetsOptions(useApiClient(), filters),
    select: (data) => data.items,
  });
}

/** The asset list a page at a time (keyset cursor), for the register's table. */
export function usePagedAssets(filters: AssetFilters = {}) {
  return usePagedList([REGISTER, 'assets', filters], '/assets', { query: filters });
}

/** The first page of usePagedAssets, read before the table is shown. */
export function prefetchPagedAssets({ queryClient, api }: FirstLoadClients, filters: AssetFilters) {
  prefetchPagedList(queryClient, api, [REGISTER, 'assets', filters], '/assets', { query: filters });
}

export function useAsset(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [REGISTER, 'asset', key],
    queryFn: () => api.get('/assets/{key}', { path: { key } }),
  });
}

export function useAssetHistory(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [REGISTER, 'asset-history', key],
    queryFn: () => api.get('/assets/{key}/history', { path: { key } }),
    select: (data) => data.items,
  });
}

export function useCreateAsset() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: AssetInput) => api.send('POST', '/assets', { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateAsset(key: string) {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (patch: AssetPatch) =>
      api.send('PATCH', '/assets/{key}', { path: { key }, body: patch }),
    onSuccess: invalidate,
  });
}

export function useImportAssets() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    // A file with bad rows is answered with its report (400), not an error.
    mutationFn: (input: { csv: string; dryRun: boolean; partial: boolean }) =>
      api.send('POST', '/assets/import', {
        query: { dryRun: input.dryRun, partial: input.partial },
        raw: { contentType: 'text/csv', content: input.csv },
        answerStatuses: [400],
      }),
    onSuccess: async (report) => {
      if (report.written) await invalidate();
    },
  });
}

/** Every supplier, page after page (pickers and counts need all of them). */
export function suppliersOptions(api: Pick<ApiClient, 'get'>) {
  return wholeListOptions(api, [REGISTER, 'suppliers'], '/suppliers', {});
}

export function useSuppliers() {
  return useWholeList([REGISTER, 'suppliers'], '/suppliers', {});
}

/** Suppliers a page at a time, for the suppliers table. */
export function useSupplierPages() {
  return usePagedList([REGISTER, 'suppliers'], '/suppliers', {});
}

export function useSupplier(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [REGISTER, 'supplier', key],
    queryFn: () => api.get('/suppliers/{key}', { path: { key } }),
  });
}

export function useCreateSupplier() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: SupplierInput) => api.send('POST', '/suppliers', { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateSupplier(key: string) {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (patch: SupplierPatch) =>
      api.send('PATCH', '/suppliers/{key}', { path: { key }, body: patch }),
    onSuccess: invalidate,
  });
}

/** Every process, page after page (counts and pickers need all of them). */
export function processesOptions(api: Pick<ApiClient, 'get'>) {
  return wholeListOptions(api, [REGISTER, 'processes'], '/processes', {});
}

export function useProcesses() {
  return useWholeList([REGISTER, 'processes'], '/processes', {});
}

/** Processes a page at a time, for the processes table. */
export function useProcessPages() {
  return usePagedList([REGISTER, 'processes'], '/processes', {});
}

export function useProcess(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [REGISTER, 'process', key],
    queryFn: () => api.get('/processes/{key}', { path: { key } }),
  });
}

export function useCreateProcess() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: ProcessInput) => api.send('POST', '/processes', { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateProcess(key: string) {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (patch: ProcessPatch) =>
      api.send('PATCH', '/processes/{key}', { path: { key }, body: patch }),
    onSuccess: invalidate,
  });
}

/** The whole matrix, or one process's or asset's rows, page after page: the pages group them. */
export function useMatrix(filter: { process?: string; asset?: string } = {}) {
  return useWholeList([REGISTER, 'matrix', filter], '/matrix', { query: filter });
}

export function useLinkAsset() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (input: MatrixRowInput) => api.send('POST', '/matrix', { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateMatrixRow() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: MatrixRowPatch }) =>
      api.send('PATCH', '/matrix/{id}', { path: { id }, body: patch }),
    onSuccess: invalidate,
  });
}

export function useUnlinkMatrixRow() {
  const api = useApiClient();
  const invalidate = useInvalidateRegister();
  return useMutation({
    mutationFn: (id: string) => api.send('DELETE', '/matrix/{id}', { path: { id } }),
    onSuccess: invalidate,
  });
}
