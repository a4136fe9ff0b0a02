import { useQuery } from '@tanstack/react-query';
import { useCan } from '../auth/permissions.js';
import type { QueryOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';

/** Whether e-mail leaves at all (SMTP configured) and what waits, for whoever may see the outbox. */
export function useMailStatus() {
  const api = useApiClient();
  const can = useCan();
  return useQuery({
    queryKey: ['outbox', 'mail-status'],
    queryFn: () => api.get('/notifications/mail-status'),
    enabled: can('notifications:read'),
    refetchInterval: 60_000,
  });
}

export type OutboxFilter = Pick<QueryOf<'/notifications'>, 'status' | 'priority'>;

/** The outbox, newest first, a page at a time. */
export function useOutbox(filter: OutboxFilter) {
  return usePagedList(['outbox', filter], '/notifications', {
    query: { status: filter.status, priority: filter.priority },
  });
}
