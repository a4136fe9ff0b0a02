/** Change records and delivery events, with types inferred from the server's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangeDetail,
  ChangeEventView,
  ChangeView,
  VerificationOutcome,
} from '../../../src/modules/changes/change.schema.js';
import type { BodyOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';

export type { ChangeDetail, ChangeEventView, ChangeView, VerificationOutcome };

const CHANGES = 'changes';

/** Changes, newest requested first. */
export const useChanges = () => usePagedList([CHANGES, 'list'], '/changes', {});

/** Production deployments no approved change covered. */
export const useFlaggedDeployments = () =>
  usePagedList([CHANGES, 'events', 'flagged'], '/changes/events', {
    query: { flagged: 'true' },
  });

export function useChange(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [CHANGES, 'detail', id],
    queryFn: () => api.get('/changes/{id}', { path: { id } }),
  });
}

/** After a step of a change: its lists and details, and the work it may have settled. */
function useRefreshChanges() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [CHANGES] });
    await queryClient.invalidateQueries({ queryKey: ['work'] });
  };
}

export function useApproveChange(id: string) {
  const api = useApiClient();
  const onSuccess = useRefreshChanges();
  return useMutation({
    mutationFn: (input: BodyOf<'/changes/{id}/approve', 'post'>) =>
      api.send('POST', '/changes/{id}/approve', { path: { id }, body: input }),
    onSuccess,
  });
}

export function useImplementChange(id: string) {
  const api = useApiClient();
  const onSuccess = useRefreshChanges();
  return useMutation({
    mutationFn: () => api.send('POST', '/changes/{id}/implement', { path: { id } }),
    onSuccess,
  });
}

export function useVerifyChange(id: string) {
  const api = useApiClient();
  const onSuccess = useRefreshChanges();
  return useMutation({
    mutationFn: (input: BodyOf<'/changes/{id}/verify', 'post'>) =>
      api.send('POST', '/changes/{id}/verify', { path: { id }, body: input }),
    onSuccess,
  });
}
