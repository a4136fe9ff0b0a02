import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import type { AuditorEngagementView, InviteAuditorInput, ListResponse } from './types.js';

const ENGAGEMENTS = ['auditor-engagements'] as const;

export function useAuditorEngagements() {
  const api = useApi();
  return useQuery({
    queryKey: ENGAGEMENTS,
    queryFn: () => api.get<ListResponse<AuditorEngagementView>>('/auditor-engagements'),
    select: (data) => data.items,
  });
}

export function useInviteAuditor() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteAuditorInput) =>
      api.send<AuditorEngagementView>('POST', '/auditor-engagements', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENGAGEMENTS }),
  });
}

export function useRevokeAuditorEngagement() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.send<AuditorEngagementView>('POST', `/auditor-engagements/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENGAGEMENTS }),
  });
}

/** Sets an invited auditor's password with the one-time link (no session needed). */
export function useAcceptAuditorInvitation() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.send<{ email: string }>('POST', '/auditor-invitations/accept', input),
  });
}
