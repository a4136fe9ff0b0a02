import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../src/shared/api/api-client.js';
import { apiUrl, jsonAnswer } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { EffectivenessQuery } from './work-types.js';

const POSTURE = 'posture';

/** The posture at an instant; `at` undefined means now. */
export function postureOptions(api: Pick<ApiClient, 'get'>, at?: string) {
  return queryOptions({
    queryKey: [POSTURE, 'overall', at ?? 'now'],
    queryFn: () => api.get('/posture', { query: { at } }),
  });
}

export function usePosture(at?: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...postureOptions(useApiClient(), at), enabled: options.enabled ?? true });
}

/** Posture at the end of each of the last `months` months, the current one at now. */
export function postureHistoryOptions(api: Pick<ApiClient, 'get'>, months: number) {
  return queryOptions({
    queryKey: [POSTURE, 'history', months],
    queryFn: () => api.get('/posture/history', { query: { months } }),
    // Past months do not change; the current one moves slowly: no need to refetch on each visit.
    staleTime: 5 * 60_000,
  });
}

export function usePostureHistory(months: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...postureHistoryOptions(useApiClient(), months),
    enabled: options.enabled ?? true,
  });
}

/** Per asset, worst first, a page at a time (the API's cursor), at an instant (`at` undefined: now). */
export function usePagedAssetPosture(at?: string) {
  return usePagedList([POSTURE, 'assets', at ?? 'now'], '/posture/assets', { query: { at } });
}

export function useEffectivenessReport(query: EffectivenessQuery | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['reports', 'effectiveness', query],
    queryFn: () =>
      api
        .get('/reports/effectiveness', { query: query ?? { framework: '', from: '', to: '' } })
        .then(jsonAnswer),
    enabled: query !== null,
  });
}

export function effectivenessCsvUrl(query: EffectivenessQuery): string {
  return apiUrl('/reports/effectiveness', { query: { ...query, format: 'csv' } });
}
