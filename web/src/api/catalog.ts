import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import type {
  ControlSummary,
  ControlView,
  FrameworkSummary,
  FrameworkView,
  ListResponse,
  OwnerRole,
} from './types.js';

const CATALOG = 'catalog';

export function useFrameworks() {
  const api = useApi();
  return useQuery({
    queryKey: [CATALOG, 'frameworks'],
    queryFn: () => api.get<ListResponse<FrameworkSummary>>('/frameworks'),
    select: (data) => data.items,
  });
}

export function useFramework(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [CATALOG, 'framework', key],
    queryFn: () => api.get<FrameworkView>(`/frameworks/${encodeURIComponent(key)}`),
  });
}

export interface ControlFilters {
  framework?: string | undefined;
  ownerRole?: OwnerRole | undefined;
  critical?: boolean | undefined;
}

export function useControls(filters: ControlFilters = {}) {
  const api = useApi();
  return useQuery({
    queryKey: [CATALOG, 'controls', filters],
    queryFn: () => api.get<ListResponse<ControlSummary>>('/controls', { ...filters }),
    select: (data) => data.items,
  });
}

export function useControl(key: string, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: [CATALOG, 'control', key],
    queryFn: () => api.get<ControlView>(`/controls/${encodeURIComponent(key)}`),
    enabled: options.enabled ?? true,
  });
}
