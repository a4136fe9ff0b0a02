import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { okSchema } from '../../platform/http/api-types.js';
import { engagementScope } from '../../platform/http/engagement.js';
import { SESSION_COOKIE } from '../../platform/http/principal.js';
import { AppError } from '../../platform/errors.js';
import { ownEngagementSchema } from './auditor-engagement.schema.js';
import { changeOwnPassword } from './change-password.js';
import { confirmMfaEnrolment, startMfaEnrolment } from './enrol-mfa.js';
import { completeSetup, isSetupNeeded } from './first-run.js';
import { logIn } from './log-in.js';
import { logOut } from './log-out.js';
import type { OidcClient } from './oidc-client.js';
import { providerLogoutUrl } from './provider-logout-url.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import { userRepository, toUserView } from './user.repository.js';
import { emailSchema, passwordSchema, userViewSchema } from './user.schema.js';
import { verifyMfaCode } from './verify-mfa-code.js';

const sessionStateSchema = z.enum(['active', 'mfa_pending', 'enrol_required']);
const codeBody = z.object({
  code: z.string().trim().min(6, 'must be a 6-digit code or a recovery code').max(32),
});

/**
 * Sign-in, two-factor authentication and first-run setup; `oidc` is the single sign-on provider,
 * whose session a single sign-on session's sign-out ends as well.
 */
export function registerIdentityRoutes(api: Api, ctx: AppContext, oidc: OidcClient | null): void {
  const loginLimit = { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.publicUrl.startsWith('https://'),
    path: '/',
  };

  api.get('/api/v1/setup', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Whether first-run setup is still needed',
      response: { 200: z.object({ needed: z.boolean() }) },
    },
    handler: async () => ({ needed: await isSetupNeeded(ctx) }),
  });

  api.post('/api/v1/setup', {
    config: { access: 'public', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Create the first admin with the one-time setup link',
      body: z.object({
        token: z.string().min(1),
        email: emailSchema,
        name: z.string().trim().min(1).max(200),
        password: passwordSchema,
      }),
      response: { 201: userViewSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await completeSetup(ctx, request.body)),
  });

  api.post('/api/v1/auth/login', {
    config: { access: 'public', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail and password; sets the session cookie',
      body: z.object({ email: emailSchema, password: z.string().min(1, 'is required').max(256) }),
      response: { 200: z.object({ state: sessionStateSchema, csrfToken: z.string() }) },
    },
    handler: async (request, reply) => {
      const result = await logIn(ctx, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        ...cookieOptions,
        expires: result.expiresAt,
      });
      return { state: result.state, csrfToken: result.csrfToken };
    },
  });

  api.get('/api/v1/auth/session', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'The current session, if any, with its CSRF token',
      response: {
        200: z.object({
          authenticated: z.boolean(),
          state: sessionStateSchema.nullable(),
          csrfToken: z.string().nullable(),
          user: userViewSchema.nullable(),
          setupNeeded: z.boolean(),
          signsWith: z
            .enum(['credentials', 'identity_provider'])
            .nullable()
            .describe(
              'How this person re-authenticates an e-signature: password or TOTP code, or a fresh sign-in at the single sign-on provider (docs/sso.md)',
            ),
          engagement: ownEngagementSchema
            .nullable()
            .describe("An engaged auditor's framework and period (docs/auditor-access.md)"),
          timeZone: z
            .string()
            .nullable()
            .describe(
              "The organisation's time zone, for a signed-in person: dates are shown in it",
            ),
        }),
      },
    },
    handler: async (request) => {
      const principal = request.principal;
      const setupNeeded = await isSetupNeeded(ctx);
      if (!principal || principal.via !== 'session' || principal.engagement?.status === 'ended') {
        const none = { authenticated: false, state: null, csrfToken: null, user: null };
        return { ...none, setupNeeded, signsWith: null, engagement: null, timeZone: null };
      }
      const scope = engagementScope(principal);
      const user = await userRepository.findById(ctx.db, principal.userId);
      return {
        authenticated: true,
        state: principal.sessionState,
        csrfToken: principal.csrfToken,
        user: user ? toUserView(user) : null,
        setupNeeded,
        signsWith: (await ssoIdentityRepository.isLinked(ctx.db, principal.userId))
          ? ('identity_provider' as const)
          : ('credentials' as const),
        engagement: scope && {
          framework: scope.framework,
          periodFrom: scope.periodFrom,
          periodTo: scope.periodTo,
          expiresAt: scope.expiresAt.toISOString(),
        },
        timeZone: ctx.config.timezone,
      };
    },
  });

  api.post('/api/v1/auth/password', {
    config: { access: 'authenticated', engagedAuditor: 'register', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Change my own password (other sessions end)',
      body: z.object({
        currentPassword: z.string().min(1, 'is required').max(256),
        newPassword: passwordSchema,
      }),
      response: { 200: okSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      if (principal.via !== 'session')
        throw new AppError('forbidden', 'Only a signed-in person can change a password');
      await changeOwnPassword(ctx, principal.actor, {
        userId: principal.userId,
        currentSessionIdHash: principal.sessionIdHash,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
      });
      return { ok: true as const };
    },
  });

  api.post('/api/v1/auth/logout', {
    config: { access: 'signing-in' },
    schema: {
      tags: ['auth'],
      summary: 'End the session (and, for single sign-on, say where to end the provider session)',
      response: {
        200: okSchema.extend({
          providerLogoutUrl: z
            .string()
            .nullable()
            .describe(
              "A single sign-on session: the provider's end-session URL the browser goes to next, so the provider's session ends too",
            ),
        }),
      },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const { sealedIdToken } =
        principal.via === 'session'
          ? await logOut(ctx, principal.actor, principal.sessionIdHash)
          : { sealedIdToken: null };
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return {
        ok: true as const,
        providerLogoutUrl: await providerLogoutUrl(ctx, oidc, sealedIdToken),
      };
    },
  });

  api.post('/api/v1/auth/mfa/verify', {
    config: { access: 'signing-in', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Second sign-in step: a TOTP or recovery code',
      body: codeBody,
      response: { 200: okSchema },
    },
    handler: async (request) => {
      await verifyMfaCode(ctx, requirePrincipal(request), request.body.code);
      return { ok: true as const };
    },
  });

  api.post('/api/v1/auth/mfa/enrol', {
    config: { access: 'signing-in' },
    schema: {
      tags: ['auth'],
      summary: 'Start TOTP enrolment: returns the secret and a QR code',
      response: {
        200: z.object({ secret: z.string(), otpauthUri: z.string(), qrCodeDataUrl: z.string() }),
      },
    },
    handler: async (request) => startMfaEnrolment(ctx, requirePrincipal(request)),
  });

  api.post('/api/v1/auth/mfa/confirm', {
    config: { access: 'signing-in', rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: 'Finish TOTP enrolment with a first code; returns one-time recovery codes',
      body: codeBody,
      response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
    },
    handler: async (request) =>
      confirmMfaEnrolment(ctx, requirePrincipal(request), request.body.code),
  });
}
