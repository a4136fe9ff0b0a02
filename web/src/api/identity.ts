import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setOrganisationTimeZone } from '../components/format.js';
import type { BodyOf, ResponseOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import type { WebApiClient } from './web-client.js';

export const SESSION_KEY = ['session'] as const;

/**
 * The current session's query: useSession shows it, and the app starts it before its first render
 * (web/src/first-load.ts). Its CSRF token is handed to the client for every later write.
 */
export function sessionQueryOptions(api: Pick<WebApiClient, 'get' | 'setCsrfToken'>) {
  return queryOptions({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await api.get('/auth/session');
      api.setCsrfToken(session.csrfToken);
      setOrganisationTimeZone(session.timeZone);
      return session;
    },
    staleTime: 60_000,
  });
}

/** The current session. */
export function useSession() {
  return useQuery(sessionQueryOptions(useApiClient()));
}

export function useRefreshSession(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}

export function useLogin() {
  const api = useApiClient();
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => {
      const result = await api.send('POST', '/auth/login', { body: input });
      api.setCsrfToken(result.csrfToken);
      return result;
    },
    onSuccess: refresh,
  });
}

export function useVerifyMfa() {
  const api = useApiClient();
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (code: string) => api.send('POST', '/auth/mfa/verify', { body: { code } }),
    onSuccess: refresh,
  });
}

export function useStartMfaEnrolment() {
  const api = useApiClient();
  return useMutation({
    mutationFn: () => api.send('POST', '/auth/mfa/enrol'),
  });
}

/** Finishing enrolment activates the session; the caller refreshes it once the codes are saved. */
export function useConfirmMfaEnrolment() {
  const api = useApiClient();
  return useMutation({
    mutationFn: (code: string) => api.send('POST', '/auth/mfa/confirm', { body: { code } }),
  });
}

export function useLogout() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST', '/auth/logout'),
    onSuccess: ({ providerLogoutUrl }) => {
      // A single sign-on session: end the provider's session too; it sends the browser back to /login.
      if (providerLogoutUrl) window.location.assign(providerLogoutUrl);
    },
    onSettled: async () => {
      api.setCsrfToken(null);
      // Forget everything the person could see, then learn the (signed-out) session again.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

export function useSetupStatus() {
  const api = useApiClient();
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get('/setup'),
  });
}

export function useCompleteSetup() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyOf<'/setup', 'post'>) => api.send('POST', '/setup', { body: input }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Whether single sign-on is on, and the provider's name for its button (docs/sso.md). */
export type SsoStatus = ResponseOf<'/auth/sso'>;
export type SessionView = ResponseOf<'/auth/session'>;

export function useSsoStatus() {
  const api = useApiClient();
  return useQuery({
    queryKey: ['sso-status'],
    queryFn: () => api.get('/auth/sso'),
    staleTime: Infinity,
  });
}
