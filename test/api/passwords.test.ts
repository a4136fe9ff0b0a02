import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

async function logIn(t: TestApp, email: string, password: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  const cookie = response.cookies.find((c) => c.name === 'plumbline_session');
  return {
    status: response.statusCode,
    cookie: cookie ? `plumbline_session=${cookie.value}` : '',
    csrf: response.statusCode === 200 ? response.json<{ csrfToken: string }>().csrfToken : '',
  };
}

describe('passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets a person change their own password with the current one, ending their other sessions', async () => {
    const user = await t.createUser('quality');
    const here = await logIn(t, user.email, TEST_PASSWORD);
    const elsewhere = await logIn(t, user.email, TEST_PASSWORD);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
      payload: { currentPassword: 'not it at all', newPassword: 'a much better passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { issues: [{ path: 'body.currentPassword' }] } });

    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    const session = (cookie: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect((await session(here.cookie)).json()).toMatchObject({ authenticated: true });
    expect((await session(elsewhere.cookie)).json()).toMatchObject({ authenticated: false });
    expect((await logIn(t, user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await logIn(t, user.email, 'a much better passphrase')).status).toBe(200);
  });

  it('refuses a token changing a password: only a signed-in person can', async () => {
    const token = await t.tokenFor('quality');
    const response = await t.call(token, 'POST', '/api/v1/auth/password', {
      currentPassword: 'x',
      newPassword: 'a much better passphrase',
    });
    expect(response.statusCode).toBe(403);
  });

  it('lets an admin set a new password for someone, which ends their sessions and is audited', async () => {
    const user = await t.createUser('engineering');
    const before = await logIn(t, user.email, TEST_PASSWORD);
    const admin = await t.tokenFor('admin');
    const short = await t.call(admin, 'POST', `/api/v1/users/${user.id}/reset-password`, {
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    const reset = await t.call(admin, 'POST', `/api/v1/users/${user.id}/reset-password`, {
      password: 'temporary passphrase 1',
    });
    expect(reset.statusCode).toBe(200);
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: before.cookie },
    });
    expect(session.json()).toMatchObject({ authenticated: false });
    expect((await logIn(t, user.email, 'temporary passphrase 1')).status).toBe(200);
    const events = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', user.id)
      .execute();
    expect(events.map((e) => e.action)).toContain('user.password_reset');
    expect(JSON.stringify(events)).not.toContain('temporary passphrase 1');
  });

  it('lets only admins reset passwords', async () => {
    const user = await t.createUser('viewer');
    const quality = await t.tokenFor('quality');
    expect(
      (
        await t.call(quality, 'POST', `/api/v1/users/${user.id}/reset-password`, {
          password: 'temporary passphrase 2',
        })
      ).statusCode,
    ).toBe(403);
  });
});
