import type { AppContext } from '../../platform/context.js';
import type { OidcClient } from './oidc-client.js';

/**
 * Where the browser goes after signing out of a single sign-on session, so the person's session
 * at the provider ends too (RP-initiated logout): the provider's end-session URL with the
 * session's ID token as `id_token_hint` and Plumbline's sign-in page as
 * `post_logout_redirect_uri`. Null for a local session, or when the provider offers no such
 * endpoint or cannot be reached (the Plumbline session has ended either way).
 */
export async function providerLogoutUrl(
  ctx: Pick<AppContext, 'config' | 'secretBox' | 'logger'>,
  oidc: OidcClient | null,
  sealedIdToken: string | null,
): Promise<string | null> {
  if (sealedIdToken === null || oidc === null) return null;
  try {
    const postLogout = new URL('/login', ctx.config.publicUrl).href;
    return await oidc.endSessionUrl(ctx.secretBox.open(sealedIdToken), postLogout);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'single sign-on: no end-session URL of the provider');
    return null;
  }
}
