import { useQuery } from '@tanstack/react-query';
import type { QueryOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';

const CATALOG = 'catalog';

export function useFrameworks() {
  const api = useApiClient();
  return useQuery({
    queryKey: [CATALOG, 'frameworks'],
    queryFn: () => api.get('/frameworks'),
    select: (data) => data.items,
  });
}

export function useFramework(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [CATALOG, 'framework', key],
    queryFn: () => api.get('/frameworks/{key}', { path: { key } }),
  });
}

export type ControlFilters = QueryOf<'/controls'>;

export function useControls(filters: ControlFilters = {}) {
  const api = useApiClient();
  return useQuery({
    queryKey: [CATALOG, 'controls', filters],
    queryFn: () => api.get('/controls', { query: filters }),
    select: (data) => data.items,
  });
}

export function useControl(key: string, options: { enabled?: boolean } = {}) {
  const api = useApiClient();
  return useQuery({
    queryKey: [CATALOG, 'control', key],
    queryFn: () => api.get('/controls/{key}', { path: { key } }),
    enabled: options.enabled ?? true,
  });
}
