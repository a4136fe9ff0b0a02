import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { InviteAuditorInput } from './types.js';

const ENGAGEMENTS = ['auditor-engagements'] as const;

/** Auditor engagements, newest first, a page at a time. */
export function useAuditorEngagements() {
  return usePagedList(ENGAGEMENTS, '/auditor-engagements', {});
}

export function useInviteAuditor() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteAuditorInput) =>
      api.send('POST', '/auditor-engagements', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENGAGEMENTS }),
  });
}

/** Issues the invitation again: a new link (the old one stops working) and a new e-mail. */
export function useResendAuditorInvitation() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.send('POST', '/auditor-engagements/{id}/invitation', { path: { id } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ENGAGEMENTS });
      await queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
}

export function useRevokeAuditorEngagement() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.send('POST', '/auditor-engagements/{id}/revoke', { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENGAGEMENTS }),
  });
}

/** Sets an invited auditor's password with the one-time link (no session needed). */
export function useAcceptAuditorInvitation() {
  const api = useApiClient();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.send('POST', '/auditor-invitations/accept', { body: input }),
  });
}
