import { useQuery } from '@tanstack/react-query';
import { apiUrl } from './client.js';
import { useApi } from './ApiProvider.js';
import type { PostureHistory } from '../../../src/modules/posture/posture.schema.js';
import type {
  AssetPostureList,
  EffectivenessQuery,
  EffectivenessReport,
  Posture,
} from './work-types.js';

const POSTURE = 'posture';

/** The posture at an instant; `at` undefined means now. */
export function usePosture(at?: string, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: [POSTURE, 'overall', at ?? 'now'],
    queryFn: () => api.get<Posture>('/posture', { at }),
    enabled: options.enabled ?? true,
  });
}

/** Posture at the end of each of the last `months` months, the current one at now. */
export function usePostureHistory(months: number, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: [POSTURE, 'history', months],
    queryFn: () => api.get<PostureHistory>('/posture/history', { months }),
    enabled: options.enabled ?? true,
    // Past months do not change; the current one moves slowly: no need to refetch on each visit.
    staleTime: 5 * 60_000,
  });
}

export function useAssetPosture(at?: string) {
  const api = useApi();
  return useQuery({
    queryKey: [POSTURE, 'assets', at ?? 'now'],
    queryFn: () => api.get<AssetPostureList>('/posture/assets', { at }),
    select: (data) => data.items,
  });
}

export function useEffectivenessReport(query: EffectivenessQuery | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'effectiveness', query],
    queryFn: () => api.get<EffectivenessReport>('/reports/effectiveness', { ...query }),
    enabled: query !== null,
  });
}

export function effectivenessCsvUrl(query: EffectivenessQuery): string {
  return apiUrl('/reports/effectiveness', { ...query, format: 'csv' });
}
