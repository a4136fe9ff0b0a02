import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { untypedClient, type ApiClient } from './client.js';
import type { WebApiClient } from './web-client.js';

const ApiContext = createContext<WebApiClient | null>(null);

export function ApiProvider({ client, children }: { client: WebApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The typed API client of the running app (src/shared/api). */
export function useApiClient(): WebApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApiClient must be used inside <ApiProvider>');
  return client;
}

/** The untyped calls of the areas not yet moved to `useApiClient()`. */
export function useApi(): ApiClient {
  const client = useApiClient();
  return useMemo(() => untypedClient(client), [client]);
}
