import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import type { AuditChainReport, AuditEventView, AuditFilters } from './types.js';

const PAGE_SIZE = 50;

/** The audit trail, newest first, one page of older events at a time. */
export function useAuditEvents(filters: AuditFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEventView[]; nextBeforeSeq: string | null }>('/audit/events', {
        ...filters,
        beforeSeq: pageParam,
        limit: PAGE_SIZE,
      }),
    getNextPageParam: (page) => page.nextBeforeSeq,
  });
}

/** Recomputes the hash chain on the server; a mutation because it is run on demand. */
export function useVerifyAuditChain() {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.get<AuditChainReport>('/audit/verify'),
  });
}
