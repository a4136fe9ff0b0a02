import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { AuditorEngagementView, InvitationIssuedView, InviteAuditorInput } from './types.js';

const ENGAGEMENTS = ['auditor-engagements'] as const;

/** Auditor engagements, newest first, a page at a time. */
export function useAuditorEngagements() {
  return usePagedList<AuditorEngagementView>(ENGAGEMENTS, '/auditor-engagements');
}

export function useInviteAuditor() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteAuditorInput) =>
      api.send<InvitationIssuedView>('POST', '/auditor-engagements', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENGAGEMENTS }),
  });
}

/** Issues the invitation again: a new link (the old one stops working) and a new e-mail. */
export function useResendAuditorInvitation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.send<InvitationIssuedView>('POST', `/auditor-engagements/${id}/invitation`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ENGAGEMENTS });
      await queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
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
