import * as openid from 'openid-client';
import type { SsoConfig } from '../../platform/config-sso.js';

/** Where the browser goes to sign in, and the values its answer will be checked against. */
export interface OidcAuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The person the provider vouched for, from a validated ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  /** The ID token itself: sent back as `id_token_hint` when the person signs out. */
  idToken: string;
}

export type OidcAnswer = { ok: true; identity: OidcIdentity } | { ok: false; problem: string };

/**
 * The OpenID Connect provider as the sign-in use cases see it (a port): authorization code flow
 * with PKCE, state and nonce.
 */
export interface OidcClient {
  /**
   * `freshLogin` asks the provider to authenticate the person again whatever session it holds
   * (`prompt=login`, `max_age=0`): the re-authentication of an e-signature.
   */
  startAuthorization(options?: { freshLogin?: boolean }): Promise<OidcAuthorizationRequest>;
  /**
   * Checks the provider's answer at the callback URL (state, issuer, error), redeems the code with
   * the PKCE verifier and validates the ID token (signature, audience, expiry, nonce).
   */
  finishAuthorization(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<OidcAnswer>;
  /**
   * The provider's RP-initiated logout URL (its `end_session_endpoint`) with the session's ID
   * token as hint and where to come back to; null when the provider has no such endpoint.
   */
  endSessionUrl(idTokenHint: string, postLogoutRedirectUri: string): Promise<string | null>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The OidcClient over openid-client. The provider's metadata is discovered at the first sign-in
 * (and again after a failed discovery), so Plumbline starts even while the provider is down.
 */
export function createOidcClient(sso: SsoConfig): OidcClient {
  let discovered: Promise<openid.Configuration> | undefined;
  const configuration = (): Promise<openid.Configuration> => {
    const issuer = new URL(sso.issuer);
    // Plain HTTP only to a provider on this machine (development, tests); openid-client refuses
    // it otherwise, as it should.
    const insecure = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
    discovered ??= openid
      .discovery(
        issuer,
        sso.clientId,
        undefined,
        openid.ClientSecretBasic(sso.clientSecret),
        insecure ? { execute: [openid.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async startAuthorization(options = {}) {
      const config = await configuration();
      const codeVerifier = openid.randomPKCECodeVerifier();
      const state = openid.randomState();
      const nonce = openid.randomNonce();
      const url = openid.buildAuthorizationUrl(config, {
        redirect_uri: sso.redirectUri,
        scope: sso.scopes.join(' '),
        code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(options.freshLogin ? { prompt: 'login', max_age: '0' } : {}),
      });
      return { url: url.href, state, nonce, codeVerifier };
    },
    async finishAuthorization(callbackUrl, expected) {
      const config = await configuration();
      try {
        const tokens = await openid.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims || tokens.id_token === undefined) {
          return { ok: false, problem: 'the provider returned no ID token' };
        }
        return {
          ok: true,
          identity: {
            issuer: claims.iss,
            subject: claims.sub,
            claims: { ...claims },
            idToken: tokens.id_token,
          },
        };
      } catch (error) {
        return { ok: false, problem: describeProblem(error) };
      }
    },
    async endSessionUrl(idTokenHint, postLogoutRedirectUri) {
      const config = await configuration();
      if (config.serverMetadata().end_session_endpoint === undefined) return null;
      return openid.buildEndSessionUrl(config, {
        id_token_hint: idTokenHint,
        post_logout_redirect_uri: postLogoutRedirectUri,
      }).href;
    },
  };
}

/** A short, loggable account of why the provider's answer was refused (never a token). */
function describeProblem(error: unknown): string {
  if (error instanceof openid.AuthorizationResponseError) {
    return `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof openid.ResponseBodyError) {
    return `the token endpoint answered ${error.error}`;
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    const message = typeof code === 'string' ? `${code}: ${error.message}` : error.message;
    // openid-client wraps what oauth4webapi found (a state check, a claim that differs).
    const { cause } = error as Error & { cause?: unknown };
    if (cause instanceof Error) return `${message} (${describeProblem(cause)})`;
    if (cause && typeof cause === 'object' && 'claim' in cause) {
      return `${message} (claim ${String(cause.claim)})`;
    }
    return message;
  }
  return 'unknown error';
}
