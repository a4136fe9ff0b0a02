/**
 * A page's first load (docs/performance.md, web first load): the session check, the page's code
 * and the page's first data start together instead of one after the other (web/src/main.tsx and
 * preloadPageAt in web/src/AppRoutes.tsx). A page route may name a PagePrefetch that starts the
 * queries its first render will ask for, with the same keys, so the page finds them under way.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { SessionView } from './identity.js';
import type { WebApiClient } from './web-client.js';

export interface FirstLoadClients {
  queryClient: QueryClient;
  api: WebApiClient;
}

/** Where the app opened and who is signed in there (an active session with its person). */
export interface FirstLoadContext {
  location: { search: string };
  session: SessionView & { user: NonNullable<SessionView['user']> };
}

/**
 * Starts a page's first queries as the session check answers, before the page's code has run:
 * only reads, and only those the page's first render asks for. Called only for a signed-in,
 * active session: signed out, the app goes to sign in and the page never asks.
 */
export type PagePrefetch = (clients: FirstLoadClients, context: FirstLoadContext) => void;
