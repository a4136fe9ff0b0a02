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
export function startSsoLogin(
  ctx: Pick<AppContext, 'clock' | 'secretBox' | 'logger'>,
  oidc: OidcClient,
  input: { next: string | undefined },
): Promise<SsoStart> {
  return startProviderRoundTrip(ctx, oidc, { next: input.next, signingBy: undefined });
}

/**
 * The round trip to the provider that sign-in and signing re-authentication share: the
 * authorization request (a fresh login when someone is about to sign), and the pending cookie
 * with who asked to sign and when, which the provider's `auth_time` must not precede.
 */
export async function startProviderRoundTrip(
  ctx: Pick<AppContext, 'clock' | 'secretBox' | 'logger'>,
  oidc: OidcClient,
  input: {
    next: string | undefined;
    signingBy: { userId: string; sessionIdHash: string } | undefined;
  },
): Promise<SsoStart> {
  let request;
  try {
    request = await oidc.startAuthorization(input.signingBy ? { freshLogin: true } : undefined);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'single sign-on: the OpenID provider could not be reached');
    return { outcome: 'refused', reason: 'provider_unavailable' };
  }
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + PENDING_SSO_LOGIN_SECONDS * 1000);
  const pending: PendingSsoLogin = {
    state: request.state,
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    next: safeNextPath(input.next),
    expiresAt: expiresAt.toISOString(),
    ...(input.signingBy && {
      signing: { ...input.signingBy, requestedAt: now.toISOString() },
    }),
  };
  return {
    outcome: 'redirect',
    providerUrl: request.url,
    pendingCookie: sealPendingSsoLogin(ctx.secretBox, pending),
    expiresAt,
  };
}
