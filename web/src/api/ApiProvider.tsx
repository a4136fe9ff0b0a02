import { createContext, useContext, type ReactNode } from 'react';
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
