import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { AppError } from '../../platform/errors.js';
import { SESSION_COOKIE } from '../../platform/http/principal.js';
import { finishSigningReauthentication } from './finish-signing-reauthentication.js';
import { finishSsoLogin } from './finish-sso-login.js';
import type { OidcClient } from './oidc-client.js';
import {
  openPendingSsoLogin,
  PENDING_SSO_COOKIE,
  PENDING_SSO_LOGIN_SECONDS,
} from './sso-pending-login.js';
import { startSigningReauthentication } from './start-signing-reauthentication.js';
import { safeNextPath, startSsoLogin, type SsoStart } from './start-sso-login.js';

const SSO_PATH = '/api/v1/auth/sso';
const redirectSchema = z.null().describe('No body: the Location header says where to go');
const providerParameter = z.string().max(4096).optional();
const nextQuery = z.object({
  next: z.string().max(2048).optional().describe('Path to open afterwards'),
});

/**
 * Single sign-on through an OpenID Connect provider (docs/sso.md): whether it is on, the start
 * (redirect to the provider), the re-authentication of a single sign-on user about to sign, and
 * the callback (back from the provider: signed in, a signing proof, or refused). Without
 * PLUMBLINE_OIDC_ISSUER it is off: all but the first answer 404.
 */
export function registerSsoRoutes(api: Api, ctx: AppContext, oidc: OidcClient | null): void {
  const sso = ctx.config.sso;
  const loginLimit = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  const secure = ctx.config.publicUrl.startsWith('https://');
  const pendingCookie = { httpOnly: true, sameSite: 'lax' as const, secure, path: SSO_PATH };
  const configured = () => {
    if (!sso || !oidc) throw new AppError('not_found', 'Single sign-on is not configured');
    return { sso, oidc };
  };
  /** Sends the browser to the provider with the pending cookie, or to `refusedUrl`. */
  const redirectToProvider = (reply: FastifyReply, started: SsoStart, refusedUrl: string) => {
    switch (started.outcome) {
      case 'refused':
        return reply.redirect(refusedUrl);
      case 'redirect':
        void reply.setCookie(PENDING_SSO_COOKIE, started.pendingCookie, {
          ...pendingCookie,
          maxAge: PENDING_SSO_LOGIN_SECONDS,
        });
        return reply.redirect(started.providerUrl);
    }
  };

  api.get(SSO_PATH, {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Whether single sign-on is on, and the name of its provider',
      response: {
        200: z.object({
          enabled: z.boolean(),
          providerName: z.string().nullable().describe('Shown as "Sign in with <providerName>"'),
          startUrl: z.string().nullable().describe('Where the browser goes to sign in'),
        }),
      },
    },
    handler: () => ({
      enabled: sso !== undefined,
      providerName: sso?.providerName ?? null,
      startUrl: sso ? `${SSO_PATH}/start` : null,
    }),
  });

  api.get(`${SSO_PATH}/start`, {
    config: { access: 'public', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: "Start single sign-on: redirects to the provider's sign-in",
      querystring: nextQuery,
      response: { 302: redirectSchema },
    },
    handler: async (request, reply) => {
      const { oidc: client } = configured();
      const started = await startSsoLogin(ctx, client, { next: request.query.next });
      return redirectToProvider(reply, started, `/login?sso_error=provider_unavailable`);
    },
  });

  api.get(`${SSO_PATH}/reauthenticate`, {
    config: { access: 'authenticated', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary:
        'A single sign-on user about to sign: redirects to a fresh sign-in at the provider (prompt=login, max_age=0); the callback returns to `next` with #signingProof=… or #signingError=…',
      querystring: nextQuery,
      response: { 302: redirectSchema },
    },
    handler: async (request, reply) => {
      const { oidc: client } = configured();
      const started = await startSigningReauthentication(ctx, client, requirePrincipal(request), {
        next: request.query.next,
      });
      const back = safeNextPath(request.query.next);
      return redirectToProvider(reply, started, `${back}#signingError=provider_unavailable`);
    },
  });

  api.get(`${SSO_PATH}/callback`, {
    config: { access: 'public', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary:
        'Where the provider sends the browser back: signs in, or issues a signing proof, or explains the refusal',
      // What an authorization response may carry (RFC 6749 4.1.2, RFC 9207); read by openid-client.
      querystring: z.object({
        code: providerParameter,
        state: providerParameter,
        iss: providerParameter,
        error: providerParameter,
        error_description: providerParameter,
        session_state: providerParameter,
      }),
      response: { 302: redirectSchema },
    },
    handler: async (request, reply) => {
      const { sso: settings, oidc: client } = configured();
      const callbackUrl = new URL(settings.redirectUri);
      callbackUrl.search = new URL(request.raw.url ?? '', 'http://callback').search;
      const sealed = request.cookies[PENDING_SSO_COOKIE];
      void reply.clearCookie(PENDING_SSO_COOKIE, { path: SSO_PATH });
      const pending = openPendingSsoLogin(ctx.secretBox, sealed, ctx.clock.now());
      if (pending?.signing) {
        const { signing } = pending;
        const proof = await finishSigningReauthentication(ctx, client, {
          callbackUrl,
          pending: { ...pending, signing },
          principal: request.principal,
        });
        // In the fragment: the browser keeps it, no server or proxy log sees it.
        return reply.redirect(
          proof.outcome === 'proof'
            ? `${proof.next}#signingProof=${proof.signingProof}`
            : `${proof.next}#signingError=${proof.reason}`,
        );
      }
      const finished = await finishSsoLogin(ctx, settings, client, {
        callbackUrl,
        pendingCookie: sealed,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      switch (finished.outcome) {
        case 'refused':
          return reply.redirect(`/login?sso_error=${finished.reason}`);
        case 'signed_in':
          void reply.setCookie(SESSION_COOKIE, finished.sessionToken, {
            httpOnly: true,
            sameSite: 'lax',
            secure,
            path: '/',
            expires: finished.expiresAt,
          });
          return reply.redirect(finished.next);
      }
    },
  });
}
