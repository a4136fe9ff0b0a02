import type { AppContext } from '../../platform/context.js';
import type { OidcClient } from './oidc-client.js';
import {
  PENDING_SSO_LOGIN_SECONDS,
  sealPendingSsoLogin,
  type PendingSsoLogin,
} from './sso-pending-login.js';
import type { SsoRefusal } from './sso-login-plan.js';

export type SsoStart =
  | { outcome: 'redirect'; providerUrl: string; pendingCookie: string; expiresAt: Date }
  | { outcome: 'refused'; reason: Extract<SsoRefusal, 'provider_unavailable'> };

/** Where to go after signing in: a path on this site only, never another origin. */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/login') ? '/' : next;
}

/**
 * Starts a single sign-on: a fresh state, nonce and PKCE verifier, kept in a sealed cookie that
 * lives ten minutes, and the provider's authorization URL to send the browser to.
 */
export async function startSsoLogin(
  ctx: Pick<AppContext, 'clock' | 'secretBox' | 'logger'>,
  oidc: OidcClient,
  input: { next: string | undefined },
): Promise<SsoStart> {
  let request;
  try {
    request = await oidc.startAuthorization();
  } catch (error) {
    ctx.logger.warn({ err: error }, 'single sign-on: the OpenID provider could not be reached');
    return { outcome: 'refused', reason: 'provider_unavailable' };
  }
  const expiresAt = new Date(ctx.clock.now().getTime() + PENDING_SSO_LOGIN_SECONDS * 1000);
  const pending: PendingSsoLogin = {
    state: request.state,
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    next: safeNextPath(input.next),
    expiresAt: expiresAt.toISOString(),
  };
  return {
    outcome: 'redirect',
    providerUrl: request.url,
    pendingCookie: sealPendingSsoLogin(ctx.secretBox, pending),
    expiresAt,
  };
}
