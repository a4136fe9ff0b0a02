import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setOrganisationTimeZone } from '../components/format.js';
import { useApi } from './ApiProvider.js';
import type { Session, SessionState, UserView } from './types.js';

export const SESSION_KEY = ['session'] as const;

/** The current session; its CSRF token is handed to the client for every later write. */
export function useSession() {
  const api = useApi();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await api.get<Session>('/auth/session');
      api.setCsrfToken(session.csrfToken);
      setOrganisationTimeZone(session.timeZone);
      return session;
    },
    staleTime: 60_000,
  });
}

export function useRefreshSession(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}

export function useLogin() {
  const api = useApi();
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => {
      const result = await api.send<{ state: SessionState; csrfToken: string }>(
        'POST',
        '/auth/login',
        input,
      );
      api.setCsrfToken(result.csrfToken);
      return result;
    },
    onSuccess: refresh,
  });
}

export function useVerifyMfa() {
  const api = useApi();
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (code: string) => api.send<{ ok: true }>('POST', '/auth/mfa/verify', { code }),
    onSuccess: refresh,
  });
}

export function useStartMfaEnrolment() {
  const api = useApi();
  return useMutation({
    mutationFn: () =>
      api.send<{ secret: string; otpauthUri: string; qrCodeDataUrl: string }>(
        'POST',
        '/auth/mfa/enrol',
      ),
  });
}

/** Finishing enrolment activates the session; the caller refreshes it once the codes are saved. */
export function useConfirmMfaEnrolment() {
  const api = useApi();
  return useMutation({
    mutationFn: (code: string) =>
      api.send<{ recoveryCodes: string[] }>('POST', '/auth/mfa/confirm', { code }),
  });
}

export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api.send<{ ok: true; providerLogoutUrl: string | null }>('POST', '/auth/logout'),
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
  const api = useApi();
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<{ needed: boolean }>('/setup'),
  });
}

export function useCompleteSetup() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; email: string; name: string; password: string }) =>
      api.send<UserView>('POST', '/setup', input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Whether single sign-on is on, and the provider's name for its button (docs/sso.md). */
export interface SsoStatus {
  enabled: boolean;
  providerName: string | null;
  startUrl: string | null;
}

export function useSsoStatus() {
  const api = useApi();
  return useQuery({
    queryKey: ['sso-status'],
    queryFn: () => api.get<SsoStatus>('/auth/sso'),
    staleTime: Infinity,
  });
}
