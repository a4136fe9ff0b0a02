import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../auth/roles.js';
import type { MutationDeps } from '../audit/mutate.js';
import {
  declaredRouteAccess,
  installAccessControl,
  registerPublicContent,
  routesWithoutAccess,
} from './access.js';
import { canonicalRequestUrl } from './canonical-url.js';
import { asApi } from './api-types.js';
import { installErrorHandler } from './error-handler.js';
import type { Principal, PrincipalResolver, SessionState } from './principal.js';

const CSRF = 'csrf-secret-value';

function sessionPrincipal(state: SessionState, role: Role = 'quality'): Principal {
  return {
    via: 'session',
    actor: { type: 'user', id: 'u1', label: 'someone@example.test', role },
    userId: 'u1',
    sessionIdHash: 'hash',
    sessionState: state,
    csrfToken: CSRF,
  };
}

/** Cookies name the session state to act in; the bearer token `good-<role>` is a valid token. */
const stubResolver: PrincipalResolver = {
  fromSessionCookie: (value) =>
    Promise.resolve(
      value === 'active' || value === 'mfa_pending' || value === 'enrol_required'
        ? sessionPrincipal(value)
        : null,
    ),
  fromBearerToken: (token) => {
    const role = /^good-(\w+)$/.exec(token)?.[1] as Role | undefined;
    return Promise.resolve(
      role
        ? {
            via: 'token',
            actor: { type: 'token', id: 't1', label: 'token:ci', role },
            tokenId: 't1',
          }
        : null,
    );
  },
};

async function bareServer(): Promise<FastifyInstance> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  // No engaged auditor here, so the view audit never writes: no database needed.
  installAccessControl(app, stubResolver, {} as MutationDeps);
  installErrorHandler(app);
  return app;
}

describe('access control on a bare server', () => {
  let app: FastifyInstance;
  afterEach(() => app.close());

  it('refuses to register an API route that declares no access rule', async () => {
    app = await bareServer();
    expect(() => app.get('/api/v1/forgotten', () => 'oops')).toThrow(
      'Route GET /api/v1/forgotten declares no access rule',
    );
    expect(() => app.get('/api/other', () => 'oops')).toThrow('declares no access rule');
    expect(() => app.get('/not-the-api', () => 'fine')).not.toThrow();
  });

  it('answers 403 on any route that declares no access rule, API or not', async () => {
    app = await bareServer();
    app.get('/not-the-api', () => 'secret');
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/not-the-api' });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('secret');
    expect(routesWithoutAccess(app).map((r) => `${r.method} ${r.url}`)).toContain(
      'GET /not-the-api',
    );
  });

  it('lets a public-content scope declare its plugin routes public, and only those', async () => {
    app = await bareServer();
    await registerPublicContent(app, (scope) => {
      scope.get('/docs/page', () => 'manual');
      return Promise.resolve();
    });
    app.get('/outside', () => 'secret');
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/docs/page' })).body).toBe('manual');
    expect((await app.inject({ method: 'GET', url: '/outside' })).statusCode).toBe(403);
  });

  it('lets an unknown path reach the not-found answer', async () => {
    app = await bareServer();
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
  });

  it('guards a route reached through a percent-encoded prefix, even without rewriting', async () => {
    app = await bareServer();
    app.get('/api/v1/users', { config: { access: { permission: 'users:manage' } } }, () => [
      'everyone',
    ]);
    await app.ready();
    for (const url of ['/%61pi/v1/users', '/api/%76%31/users', '/%41%50%49/v1/users']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body).not.toContain('everyone');
      expect([401, 404]).toContain(response.statusCode);
    }
    const routed = await app.inject({ method: 'GET', url: '/%61pi/v1/users' });
    expect(routed.statusCode).toBe(401);
  });

  it('decides on the matched route however the path is spelled', async () => {
    app = Fastify({
      rewriteUrl: (request) => canonicalRequestUrl(request.url ?? '/'),
      routerOptions: { caseSensitive: false },
    });
    await app.register(fastifyCookie);
    installAccessControl(app, stubResolver, {} as MutationDeps);
    installErrorHandler(app);
    app.get('/api/v1/users', { config: { access: { permission: 'users:manage' } } }, () => [
      'everyone',
    ]);
    await app.ready();
    for (const url of [
      '/%61pi/v1/users',
      '/api/%76%31/%75sers',
      '//api//v1/users',
      '/api/v1/./users',
      '/api/x/../v1/users',
      '/api/v1/%2e/users',
      '/api/v1/users/',
      '/API/V1/Users',
    ]) {
      const anonymous = await app.inject({ method: 'GET', url });
      expect({ url, status: anonymous.statusCode }).toEqual({ url, status: 401 });
      const viewer = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: 'Bearer good-viewer' },
      });
      expect({ url, status: viewer.statusCode }).toEqual({ url, status: 403 });
      const admin = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: 'Bearer good-admin' },
      });
      expect({ url, status: admin.statusCode, body: admin.json<unknown>() }).toEqual({
        url,
        status: 200,
        body: ['everyone'],
      });
    }
  });

  it('records the rule every API route declared', async () => {
    app = await bareServer();
    app.get('/api/v1/open', { config: { access: 'public' } }, () => 'ok');
    app.post(
      '/api/v1/things',
      { config: { access: { permission: 'register:write' } } },
      () => 'ok',
    );
    app.get('/elsewhere', () => 'ok');
    await app.ready();
    expect(declaredRouteAccess(app).filter((r) => r.method !== 'HEAD')).toEqual([
      { method: 'GET', url: '/api/v1/open', access: 'public' },
      { method: 'POST', url: '/api/v1/things', access: { permission: 'register:write' } },
    ]);
  });

  describe('with a session cookie', () => {
    async function serverWithRoutes(): Promise<FastifyInstance> {
      const server = await bareServer();
      const api = asApi(server);
      const body = z.object({ name: z.string().min(3) });
      api.get('/api/v1/things', { config: { access: { permission: 'register:read' } } }, () => ({
        ok: true,
      }));
      api.post(
        '/api/v1/things',
        { config: { access: { permission: 'register:write' } }, schema: { body } },
        () => ({ ok: true }),
      );
      api.post('/api/v1/auth/mfa/verify', { config: { access: 'signing-in' } }, () => ({
        ok: true,
      }));
      await server.ready();
      return server;
    }

    it('needs the CSRF header for a change but not for a read', async () => {
      app = await serverWithRoutes();
      const cookies = { plumbline_session: 'active' };
      const read = await app.inject({ method: 'GET', url: '/api/v1/things', cookies });
      expect(read.statusCode).toBe(200);
      const withoutHeader = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        cookies,
        payload: { name: 'pump' },
      });
      expect(withoutHeader.statusCode).toBe(403);
      expect(withoutHeader.json()).toMatchObject({ error: { code: 'forbidden' } });
      const wrongHeader = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        cookies,
        headers: { 'x-csrf-token': 'csrf-secret-valuX' },
        payload: { name: 'pump' },
      });
      expect(wrongHeader.statusCode).toBe(403);
      const withHeader = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        cookies,
        headers: { 'x-csrf-token': CSRF },
        payload: { name: 'pump' },
      });
      expect(withHeader.statusCode).toBe(200);
    });

    it('does not ask a bearer token for a CSRF header', async () => {
      app = await serverWithRoutes();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        headers: { authorization: 'Bearer good-engineering' },
        payload: { name: 'pump' },
      });
      expect(response.statusCode).toBe(200);
    });

    it('lets a session that still owes its second factor do nothing but finish signing in', async () => {
      app = await serverWithRoutes();
      for (const state of ['mfa_pending', 'enrol_required'] as const) {
        const cookies = { plumbline_session: state };
        const read = await app.inject({ method: 'GET', url: '/api/v1/things', cookies });
        expect(read.statusCode).toBe(401);
        expect(read.json()).toMatchObject({
          error: { code: 'mfa_required', details: { sessionState: state } },
        });
        const verify = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/mfa/verify',
          cookies,
          headers: { 'x-csrf-token': CSRF },
        });
        expect(verify.statusCode).toBe(200);
      }
    });

    it('decides before the body is validated, so a refused caller learns nothing of it', async () => {
      app = await serverWithRoutes();
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        payload: { name: 1 },
      });
      expect(anonymous.statusCode).toBe(401);
      // A malformed body is not even parsed for a caller who may not send one.
      const viewer = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        headers: { authorization: 'Bearer good-viewer', 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(viewer.statusCode).toBe(403);
      expect(viewer.body).not.toContain('name');
      const engineer = await app.inject({
        method: 'POST',
        url: '/api/v1/things',
        headers: { authorization: 'Bearer good-engineering' },
        payload: { name: 1 },
      });
      expect(engineer.statusCode).toBe(400);
      expect(engineer.json()).toMatchObject({ error: { issues: [{ path: 'body.name' }] } });
    });

    it('refuses an unknown bearer token outright', async () => {
      app = await serverWithRoutes();
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/things',
        headers: { authorization: 'Bearer forged' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    });
  });
});
