import type { Actor } from '../audit/actor.js';
import type { EngagementAccess } from './engagement.js';

/** Session states: only `active` may use the API; the others may only finish signing in. */
export type SessionState = 'active' | 'mfa_pending' | 'enrol_required';

/** Who is calling, resolved once per request from the session cookie or the bearer token. */
export type Principal =
  | {
      via: 'session';
      actor: Actor;
      userId: string;
      sessionIdHash: string;
      sessionState: SessionState;
      csrfToken: string;
      /** Set for an engaged auditor only (docs/auditor-access.md). */
      engagement?: EngagementAccess | null;
    }
  | { via: 'token'; actor: Actor; tokenId: string; engagement?: null };

export interface PrincipalResolver {
  fromSessionCookie(cookieValue: string): Promise<Principal | null>;
  fromBearerToken(token: string): Promise<Principal | null>;
}

export const SESSION_COOKIE = 'plumbline_session';
export const CSRF_HEADER = 'x-csrf-token';
