import { useQuery } from '@tanstack/react-query';
import { useCan } from '../auth/permissions.js';
import { useApi } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { MailStatus, NotificationView } from './types.js';

/** Whether e-mail leaves at all (SMTP configured) and what waits, for whoever may see the outbox. */
export function useMailStatus() {
  const api = useApi();
  const can = useCan();
  return useQuery({
    queryKey: ['outbox', 'mail-status'],
    queryFn: () => api.get<MailStatus>('/notifications/mail-status'),
    enabled: can('notifications:read'),
    refetchInterval: 60_000,
  });
}

export interface OutboxFilter {
  status?: NotificationView['status'] | undefined;
  priority?: NotificationView['priority'] | undefined;
}

/** The outbox, newest first, a page at a time. */
export function useOutbox(filter: OutboxFilter) {
  return usePagedList<NotificationView>(['outbox', filter], '/notifications', {
    status: filter.status,
    priority: filter.priority,
  });
}
