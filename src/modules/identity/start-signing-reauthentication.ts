import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { OidcClient } from './oidc-client.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import {
  PENDING_SSO_LOGIN_SECONDS,
  sealPendingSsoLogin,
  type PendingSsoLogin,
} from './sso-pending-login.js';
import { safeNextPath, type SsoStart } from './start-sso-login.js';

/**
 * Starts the re-authentication of a single sign-on user who is about to sign a record: a fresh
 * authorization at the provider with `prompt=login` and `max_age=0`, its state, nonce and PKCE
 * verifier sealed in the pending cookie with who asked (user and session) and when.
 */
export async function startSigningReauthentication(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox' | 'logger'>,
  oidc: OidcClient,
  principal: Principal,
  input: { next: string | undefined },
): Promise<SsoStart> {
  if (principal.via !== 'session') {
    throw new AppError('forbidden', 'An API token cannot sign: sign in as a person');
  }
  if (!(await ssoIdentityRepository.isLinked(ctx.db, principal.userId))) {
    throw new AppError(
      'conflict',
      'Only a single sign-on account re-authenticates at the provider: sign with your password or a two-factor code',
    );
  }
  let request;
  try {
    request = await oidc.startAuthorization({ freshLogin: true });
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
    signing: {
      userId: principal.userId,
      sessionIdHash: principal.sessionIdHash,
      requestedAt: now.toISOString(),
    },
  };
  return {
    outcome: 'redirect',
    providerUrl: request.url,
    pendingCookie: sealPendingSsoLogin(ctx.secretBox, pending),
    expiresAt,
  };
}
