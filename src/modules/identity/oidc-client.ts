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
}

export type OidcAnswer = { ok: true; identity: OidcIdentity } | { ok: false; problem: string };

/**
 * The OpenID Connect provider as the sign-in use cases see it (a port): authorization code flow
 * with PKCE, state and nonce.
 */
export interface OidcClient {
  startAuthorization(): Promise<OidcAuthorizationRequest>;
  /**
   * Checks the provider's answer at the callback URL (state, issuer, error), redeems the code with
   * the PKCE verifier and validates the ID token (signature, audience, expiry, nonce).
   */
  finishAuthorization(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<OidcAnswer>;
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
    async startAuthorization() {
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
        if (!claims) return { ok: false, problem: 'the provider returned no ID token' };
        return {
          ok: true,
          identity: { issuer: claims.iss, subject: claims.sub, claims: { ...claims } },
        };
      } catch (error) {
        return { ok: false, problem: describeProblem(error) };
      }
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
