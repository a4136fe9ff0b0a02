import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';

export interface CalendarFeedView {
  inUse: boolean;
  prefix: string | null;
  createdAt: string | null;
}

const FEED = ['calendar-feed'] as const;

/** Whether the signed-in person has a calendar feed URL in use. */
export function useCalendarFeed() {
  const api = useApi();
  return useQuery({ queryKey: FEED, queryFn: () => api.get<CalendarFeedView>('/calendar/feed') });
}

/** Makes a new feed URL (the old one, if any, stops working); the URL is answered this once. */
export function useCreateCalendarFeed() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.send<{ url: string; feed: CalendarFeedView }>('POST', '/calendar/feed', {}),
    onSuccess: (created) => client.setQueryData(FEED, created.feed),
  });
}

export function useRevokeCalendarFeed() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.send<CalendarFeedView>('DELETE', '/calendar/feed'),
    onSuccess: (feed) => client.setQueryData(FEED, feed),
  });
}
