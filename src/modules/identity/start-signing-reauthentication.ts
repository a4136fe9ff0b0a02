import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { OidcClient } from './oidc-client.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import { startProviderRoundTrip, type SsoStart } from './start-sso-login.js';

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
  return startProviderRoundTrip(ctx, oidc, {
    next: input.next,
    signingBy: { userId: principal.userId, sessionIdHash: principal.sessionIdHash },
  });
}
