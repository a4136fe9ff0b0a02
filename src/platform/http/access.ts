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
 */
export type RouteAccess = 'public' | 'signing-in' | 'authenticated' | { permission: Permission };

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

const declaredRoutesByApp = new WeakMap<FastifyInstance, DeclaredRouteAccess[]>();

/**
 * Every API route with the access rule it declared, in registration order: what the route-by-role
 * table test walks, so a new route is covered without anyone listing it.
 */
export function declaredRouteAccess(app: FastifyInstance): readonly DeclaredRouteAccess[] {
  return declaredRoutesByApp.get(app) ?? [];
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
  const declared: DeclaredRouteAccess[] = [];
  declaredRoutesByApp.set(app, declared);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, access });
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
  const access = request.routeOptions.config.access;
  if (!request.url.startsWith('/api/v1') || access === undefined) return;
  if (access === 'public') return;
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
  access: Exclude<RouteAccess, 'public'>,
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
