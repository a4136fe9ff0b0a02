import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useApiClient } from './ApiProvider.js';
import type { AuditFilters } from './types.js';

const PAGE_SIZE = 50;

/** The audit trail, newest first, one page of older events at a time. */
export function useAuditEvents(filters: AuditFilters) {
  const api = useApiClient();
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get('/audit/events', { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Recomputes the hash chain on the server; a mutation because it is run on demand. */
export function useVerifyAuditChain() {
  const api = useApiClient();
  return useMutation({
    mutationFn: () => api.get('/audit/verify'),
  });
}
