import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { ApiTokenView, ListResponse, TokenRole, UserRole, UserView } from './types.js';

const USERS = ['users'] as const;
const TOKENS = ['tokens'] as const;

/** Users by e-mail address, a page at a time (see LoadMore). */
export function useUsers() {
  return usePagedList<UserView>(USERS, '/users');
}

export function useCreateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: UserRole; password: string }) =>
      api.send<UserView>('POST', '/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useUpdateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      patch,
    }: {
      id: string;
      patch: { name?: string; role?: UserRole; disabled?: boolean };
    }) => api.send<UserView>('PATCH', `/users/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useResetUserMfa() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send<UserView>('POST', `/users/${id}/reset-mfa`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useApiTokens() {
  const api = useApi();
  return useQuery({
    queryKey: TOKENS,
    queryFn: () => api.get<ListResponse<ApiTokenView>>('/tokens'),
    select: (data) => data.items,
  });
}

export function useCreateApiToken() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: TokenRole; expiresAt?: string }) =>
      api.send<{ token: string; apiToken: ApiTokenView }>('POST', '/tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS }),
  });
}

export function useRevokeApiToken() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send<ApiTokenView>('DELETE', `/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS }),
  });
}
