import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { systemActor } from '../../platform/audit/actor.js';
import { FixedClock } from '../../platform/clock.js';
import { SESSION_COOKIE } from '../../platform/http/principal.js';
import { createApiToken } from './api-token.service.js';
import { PRINCIPAL_CACHE_TTL_MS } from './principal-cache.js';

/*
 * The server reuses a caller resolved from a cookie or a token for up to a second. These pin
 * what must still hold: a revocation in this process takes effect at the very next request, and
 * one written by another instance (straight to the database) within the cache's lifetime.
 */
describe('resolving callers with the server cache', () => {
  let t: TestApp;
  let clock: FixedClock;

  beforeEach(async () => {
    clock = new FixedClock('2026-12-06T12:00:00Z');
    t = await createTestApp({ clock });
  });
  afterEach(async () => {
    await t.close();
  });

  async function signIn(email: string, password: string) {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    const { csrfToken } = login.json<{ csrfToken: string }>();
    return (method: 'GET' | 'POST', url: string) =>
      t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': csrfToken },
      });
  }

  it('refuses a revoked token at the very next request', async () => {
    const admin = await t.tokenFor('admin');
    const { token, apiToken } = await createApiToken(t.ctx, systemActor, {
      name: 'reader',
      role: 'viewer',
    });
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);

    const revoked = await t.call(admin, 'DELETE', `/api/v1/tokens/${apiToken.id}`);
    expect(revoked.statusCode).toBe(200);

    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(401);
  });

  it('ends a session at the request after logging out', async () => {
    const viewer = await t.createUser('viewer');
    const call = await signIn(viewer.email, viewer.password);
    expect((await call('GET', '/api/v1/assets')).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/assets')).statusCode).toBe(200);

    expect((await call('POST', '/api/v1/auth/logout')).statusCode).toBeLessThan(300);

    expect((await call('GET', '/api/v1/assets')).statusCode).toBe(401);
  });

  it('refuses a disabled account at its next request', async () => {
    const admin = await t.tokenFor('admin');
    const viewer = await t.createUser('viewer');
    const call = await signIn(viewer.email, viewer.password);
    expect((await call('GET', '/api/v1/assets')).statusCode).toBe(200);

    const disabled = await t.call(admin, 'PATCH', `/api/v1/users/${viewer.id}`, {
      disabled: true,
    });
    expect(disabled.statusCode).toBe(200);

    expect((await call('GET', '/api/v1/assets')).statusCode).toBe(401);
  });

  it('refuses a token at its expiry even while it is cached', async () => {
    const { token } = await createApiToken(t.ctx, systemActor, {
      name: 'short-lived',
      role: 'viewer',
      expiresAt: new Date(clock.now().getTime() + PRINCIPAL_CACHE_TTL_MS / 2).toISOString(),
    });
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);

    clock.advance(PRINCIPAL_CACHE_TTL_MS / 2);

    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(401);
  });

  it('sees a revocation written by another instance once the cached caller is a second old', async () => {
    const { token, apiToken } = await createApiToken(t.ctx, systemActor, {
      name: 'reader',
      role: 'viewer',
    });
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);

    // Another instance on the same database: no mutation of this process tells the cache.
    await t.ctx.db
      .updateTable('api_tokens')
      .set({ revoked_at: clock.now() })
      .where('id', '=', apiToken.id)
      .execute();
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);

    clock.advance(PRINCIPAL_CACHE_TTL_MS);

    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(401);
  });
});
