import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { mutate, type MutationDeps } from '../audit/mutate.js';
import { authorize, type Permission } from '../auth/policy.js';
import { AppError } from '../errors.js';
import type { EngagedAuditorRule } from './engagement.js';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type Principal,
  type PrincipalResolver,
} from './principal.js';

/**
 * How a route may be reached. Every API route must declare one (checked at registration), so a
 * route nobody thought about cannot be reached: deny by default.
 * - `public`: anyone (health, login, first-run setup).
 * - `signing-in`: a session that is still finishing MFA (verify a code, enrol).
 * - `authenticated`: any fully signed-in person or token, whatever the role.
 * - `{ permission }`: a signed-in caller whose role holds the permission.
 * - `signed-body`: a machine that proves itself by an HMAC of the raw body (webhooks); the route
 *   checks the signature itself and answers 401 without a valid one, whoever is signed in.
 */
export type RouteAccess =
  'public' | 'signing-in' | 'authenticated' | 'signed-body' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Whether an engaged auditor may reach the route, and how it is limited (engagement.ts). */
    engagedAuditor?: EngagedAuditorRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The principal a route requires, or an error explaining what is missing. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in or send an API token');
  return request.principal;
}

/** The access rule one API route declared when it was registered. */
export interface DeclaredRouteAccess {
  method: string;
  url: string;
  access: RouteAccess;
}

/** A registered route as the access control saw it: its options object, read when asked. */
interface RegisteredRoute {
  method: string;
  url: string;
  options: RouteOptions;
}

const registeredRoutesByApp = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Marks a plugin scope whose every route serves public content (the web app, the API docs). */
const PUBLIC_CONTENT = 'plumblinePublicContent';

function routesOf(app: FastifyInstance): RegisteredRoute[] {
  return registeredRoutesByApp.get(app) ?? [];
}

/**
 * Every API route with the access rule it declared, in registration order: what the route-by-role
 * table test walks, so a new route is covered without anyone listing it.
 */
export function declaredRouteAccess(app: FastifyInstance): readonly DeclaredRouteAccess[] {
  return routesOf(app).flatMap(({ method, url, options }) => {
    const access = options.config?.access;
    return url.startsWith('/api/v1') && access !== undefined ? [{ method, url, access }] : [];
  });
}

/**
 * Every registered route (API or not) that declares no access rule. Such a route answers 403 to
 * everyone; under `/api/` one cannot even be registered. A test keeps this list empty.
 */
export function routesWithoutAccess(
  app: FastifyInstance,
): readonly Pick<DeclaredRouteAccess, 'method' | 'url'>[] {
  return routesOf(app)
    .filter(({ options }) => options.config?.access === undefined)
    .map(({ method, url }) => ({ method, url }));
}

/**
 * Registers a plugin whose routes all serve public content (static files of the web app, the
 * OpenAPI viewer), declaring `access: 'public'` on each of them. Call after
 * `installAccessControl`. Plugins we do not write cannot declare an access rule themselves; this
 * is how they do, explicitly, instead of every undeclared route being let through.
 */
export async function registerPublicContent(
  app: FastifyInstance,
  plugin: (scope: FastifyInstance) => Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.decorate(PUBLIC_CONTENT, true);
    await plugin(scope);
  });
}

function servesPublicContent(scope: FastifyInstance): boolean {
  return (scope as unknown as Record<string, unknown>)[PUBLIC_CONTENT] === true;
}

/**
 * Installs authentication (who) and authorisation (may they) for every API route. Both run at
 * `onRequest`, before the body is parsed or validated, so a caller who may not use a route learns
 * nothing about what it accepts: 401 or 403, never a validation error.
 */
export function installAccessControl(
  app: FastifyInstance,
  resolver: PrincipalResolver,
  auditDeps: MutationDeps,
): void {
  app.decorateRequest('principal', null);
  const registered: RegisteredRoute[] = [];
  registeredRoutesByApp.set(app, registered);

  app.addHook('onRoute', function declareAccess(this: FastifyInstance, route: RouteOptions) {
    if (route.config?.access === undefined && servesPublicContent(this)) {
      route.config = { ...route.config, access: 'public' };
    }
    if (route.config?.access === undefined && route.url.startsWith('/api/')) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) {
      registered.push({ method, url: route.url, options: route });
    }
  });

  app.addHook('onRequest', async (request) => {
    request.principal = await resolvePrincipal(request, resolver);
    authorizeRequest(request);
  });

  // After validation, before the handler: an engaged auditor's view is in the audit chain before
  // they see anything, and a failure to record it fails the request (closed).
  app.addHook('preHandler', async (request) => {
    const principal = request.principal;
    const rule = request.routeOptions.config.engagedAuditor;
    if (principal?.engagement?.status !== 'active' || rule === undefined) return;
    const engagementId = principal.engagement.scope.engagementId;
    await mutate(auditDeps, principal.actor, (tx) =>
      tx.audit({
        action: rule === 'download' ? 'auditor.downloaded' : 'auditor.viewed',
        entityType: 'auditor_engagement',
        entityId: engagementId,
        after: {
          method: request.method,
          route: request.routeOptions.url,
          params: request.params ?? {},
          query: request.query ?? {},
        },
      }),
    );
  });
}

async function resolvePrincipal(
  request: FastifyRequest,
  resolver: PrincipalResolver,
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const principal = await resolver.fromBearerToken(authorization.slice('Bearer '.length).trim());
    if (!principal)
      throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? resolver.fromSessionCookie(cookie) : null;
}

function authorizeRequest(request: FastifyRequest): void {
  // Decided on the route the router matched (after the path was made canonical), never on the
  // raw URL: however a client spells the path, the rule of the route that answers is the rule.
  const access = request.routeOptions.config.access;
  if (access === undefined) {
    // Nothing matched: the not-found handler answers, and it reveals nothing.
    if (request.is404) return;
    throw new AppError('forbidden', 'This route declares no access rule, so nobody may use it');
  }
  if (access === 'public' || access === 'signed-body') return;
  const principal = requirePrincipal(request);
  if (principal.via === 'session' && UNSAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, principal.csrfToken)) {
      throw new AppError('forbidden', `Missing or wrong ${CSRF_HEADER} header`);
    }
  }
  refuseOutsideEngagement(request, principal, access);
  if (access === 'signing-in') return;
  if (principal.via === 'session' && principal.sessionState !== 'active') {
    throw new AppError(
      'mfa_required',
      principal.sessionState === 'enrol_required'
        ? 'Set up two-factor authentication to continue'
        : 'Enter your two-factor authentication code to continue',
      { details: { sessionState: principal.sessionState } },
    );
  }
  if (access === 'authenticated') return;
  authorize(principal.actor.role, access.permission);
}

/**
 * Engaged auditors: nothing at all outside an active engagement; within one, only the routes that
 * declare an `engagedAuditor` rule (signing in, i.e. MFA, stays open so they can finish it).
 */
function refuseOutsideEngagement(
  request: FastifyRequest,
  principal: Principal,
  access: Exclude<RouteAccess, 'public' | 'signed-body'>,
): void {
  const engagement = principal.engagement;
  if (!engagement) return;
  if (engagement.status === 'ended') {
    throw new AppError('engagement_inactive', ENDED_MESSAGES[engagement.reason], {
      details: { reason: engagement.reason },
    });
  }
  if (access !== 'signing-in' && request.routeOptions.config.engagedAuditor === undefined) {
    throw new AppError(
      'outside_engagement',
      'This is not part of what an engaged auditor may see (docs/auditor-access.md)',
    );
  }
}

const ENDED_MESSAGES = {
  not_started: 'Your audit engagement has not started yet',
  expired: 'Your audit engagement has expired; your access has ended',
  revoked: 'Your audit engagement was revoked; your access has ended',
} as const;
