import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';

export type CalendarFeedView = ResponseOf<'/calendar/feed'>;

const FEED = ['calendar-feed'] as const;

/** Whether the signed-in person has a calendar feed URL in use. */
export function useCalendarFeed() {
  const api = useApiClient();
  return useQuery({ queryKey: FEED, queryFn: () => api.get('/calendar/feed') });
}

/** Makes a new feed URL (the old one, if any, stops working); the URL is answered this once. */
export function useCreateCalendarFeed() {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST', '/calendar/feed'),
    onSuccess: (created) => client.setQueryData(FEED, created.feed),
  });
}

export function useRevokeCalendarFeed() {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('DELETE', '/calendar/feed'),
    onSuccess: (feed) => client.setQueryData(FEED, feed),
  });
}
