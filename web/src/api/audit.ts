import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import type { Page } from './paging.js';
import type { AuditChainReport, AuditEventView, AuditFilters } from './types.js';

const PAGE_SIZE = 50;

/** The audit trail, newest first, one page of older events at a time. */
export function useAuditEvents(filters: AuditFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEventView>>('/audit/events', {
        ...filters,
        cursor: pageParam,
        limit: PAGE_SIZE,
      }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Recomputes the hash chain on the server; a mutation because it is run on demand. */
export function useVerifyAuditChain() {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.get<AuditChainReport>('/audit/verify'),
  });
}
