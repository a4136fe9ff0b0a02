/** Change records and delivery events, with types inferred from the server's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChangeDetail,
  ChangeEventView,
  ChangeView,
  VerificationOutcome,
} from '../../../src/modules/changes/change.schema.js';
import { useApi } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { SignatureCredentials } from './work-types.js';

export type { ChangeDetail, ChangeEventView, ChangeView, VerificationOutcome };

const CHANGES = 'changes';

/** Changes, newest requested first. */
export const useChanges = () => usePagedList<ChangeView>([CHANGES, 'list'], '/changes');

/** Production deployments no approved change covered. */
export const useFlaggedDeployments = () =>
  usePagedList<ChangeEventView>([CHANGES, 'events', 'flagged'], '/changes/events', {
    flagged: 'true',
  });

export function useChange(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [CHANGES, 'detail', id],
    queryFn: () => api.get<ChangeDetail>(`/changes/${encodeURIComponent(id)}`),
  });
}

function useChangeAction<Input>(id: string, action: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) =>
      api.send<ChangeDetail>('POST', `/changes/${encodeURIComponent(id)}/${action}`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [CHANGES] });
      await queryClient.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

export const useApproveChange = (id: string) =>
  useChangeAction<SignatureCredentials & { note: string }>(id, 'approve');
export const useImplementChange = (id: string) =>
  useChangeAction<Record<string, never>>(id, 'implement');
export const useVerifyChange = (id: string) =>
  useChangeAction<SignatureCredentials & { note: string; outcome: VerificationOutcome }>(
    id,
    'verify',
  );
