import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';

const USERS = ['users'] as const;
const TOKENS = ['tokens'] as const;

/** Users by e-mail address, a page at a time (see LoadMore). */
export function useUsers() {
  return usePagedList(USERS, '/users', {});
}

export function useCreateUser() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyOf<'/users', 'post'>) => api.send('POST', '/users', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useUpdateUser() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: BodyOf<'/users/{id}', 'patch'> }) =>
      api.send('PATCH', '/users/{id}', { path: { id }, body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useResetUserMfa() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send('POST', '/users/{id}/reset-mfa', { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useApiTokens() {
  const api = useApiClient();
  return useQuery({
    queryKey: TOKENS,
    queryFn: () => api.get('/tokens'),
    select: (data) => data.items,
  });
}

export function useCreateApiToken() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyOf<'/tokens', 'post'>) => api.send('POST', '/tokens', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS }),
  });
}

export function useRevokeApiToken() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send('DELETE', '/tokens/{id}', { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS }),
  });
}
