import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { ApiProvider } from './api/ApiProvider.js';
import { ApiError, createWebClient } from './api/web-client.js';
import { SESSION_KEY } from './api/identity.js';
import type { FirstLoadClients } from './api/first-load.js';
import { AppRoutes } from './AppRoutes.js';
import { cssVariablesResolver, theme } from './theme.js';

/** Client errors will not change on a retry; only network trouble and 5xx are retried. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

/** The app's query cache and API client, made before its first render (web/src/main.tsx). */
export function createClients(): FirstLoadClients {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: shouldRetry, staleTime: 10_000 } },
  });
  // Any 401 means the session ended or needs its second factor: learning the session again lets
  // the route guard send the person to the right signing-in step.
  const api = createWebClient({
    onSignInRequired: () => void queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
  return { queryClient, api };
}

export function App({ clients: { queryClient, api } }: { clients: FirstLoadClients }) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      {/* Bottom right: at the top, toasts covered the user menu and Sign out. */}
      <Notifications position="bottom-right" />
      <ApiProvider client={api}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </ApiProvider>
    </MantineProvider>
  );
}
