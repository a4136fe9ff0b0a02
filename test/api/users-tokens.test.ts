import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenView } from '../../src/modules/identity/api-token.service.js';
import type { UserView } from '../../src/modules/identity/user.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { sha256Hex } from '../../src/platform/crypto/secrets.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const clock = new FixedClock('2026-05-04T12:00:00Z');
let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  // Admins sign in without a second factor here so a test can act as a particular person.
  t = await createTestApp({ clock, env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
  adminToken = await t.tokenFor('admin');
});
afterAll(() => t.close());

async function createToken(body: Record<string, unknown>) {
  const response = await t.call(adminToken, 'POST', '/api/v1/tokens', body);
  expect(response.statusCode).toBe(201);
  return response.json<{ token: string; apiToken: ApiTokenView }>();
}

async function listTokens(): Promise<ApiTokenView[]> {
  return (await t.call(adminToken, 'GET', '/api/v1/tokens')).json<{ items: ApiTokenView[] }>()
    .items;
}

async function signIn(email: string) {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const { csrfToken } = login.json<{ csrfToken: string }>();
  return (method: 'GET' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      cookies: { [SESSION_COOKIE]: cookie },
      headers: { 'x-csrf-token': csrfToken },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}

function issuePaths(response: LightMyRequestResponse): string[] {
  return (
    response
      .json<{ error: { issues?: { path: string }[] } }>()
      .error.issues?.map((issue) => issue.path) ?? []
  );
}

describe('API tokens', () => {
  it('shows the secret once and stores only its hash', async () => {
    const { token, apiToken } = await createToken({ name: 'ci-export', role: 'viewer' });
    expect(token).toMatch(/^plb_[\w-]{40,}$/);
    expect(apiToken).toMatchObject({
      name: 'ci-export',
      role: 'viewer',
      prefix: token.slice(0, 10),
      createdAt: clock.now().toISOString(),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const listed = await t.call(adminToken, 'GET', '/api/v1/tokens');
    expect(listed.body).not.toContain(token);
    const stored = await t.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', apiToken.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', apiToken.id)
      .execute();
    expect(audit.map((event) => event.action)).toEqual(['api_token.created']);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('acts with its own role only', async () => {
    const { token } = await createToken({ name: 'dashboard', role: 'viewer' });
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);
    const write = await t.call(token, 'POST', '/api/v1/assets', { key: 'x' });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await t.call(token, 'GET', '/api/v1/tokens')).statusCode).toBe(403);
    expect((await t.call(token, 'GET', '/api/v1/audit/events')).statusCode).toBe(403);
  });

  it('records when it was last used', async () => {
    const { token, apiToken } = await createToken({ name: 'monitor', role: 'auditor' });
    clock.advance(5 * 60_000);
    await t.call(token, 'GET', '/api/v1/audit/verify');
    const listed = (await listTokens()).find((item) => item.id === apiToken.id);
    expect(listed?.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('stops working once revoked', async () => {
    const { token, apiToken } = await createToken({ name: 'leaked', role: 'engineering' });
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);
    const revoked = await t.call(adminToken, 'DELETE', `/api/v1/tokens/${apiToken.id}`);
    expect(revoked.json()).toMatchObject({ revokedAt: clock.now().toISOString() });
    const refused = await t.call(token, 'GET', '/api/v1/assets');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await t.call(adminToken, 'DELETE', `/api/v1/tokens/${apiToken.id}`)).statusCode).toBe(
      200,
    );
    const unknown = await t.call(
      adminToken,
      'DELETE',
      '/api/v1/tokens/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('stops working at its expiry', async () => {
    const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const { token, apiToken } = await createToken({ name: 'temp', role: 'quality', expiresAt });
    expect(apiToken.expiresAt).toBe(expiresAt);
    clock.advance(3_600_000 - 1000);
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(200);
    clock.advance(1000);
    expect((await t.call(token, 'GET', '/api/v1/assets')).statusCode).toBe(401);
  });

  it('refuses an expiry in the past', async () => {
    const response = await t.call(adminToken, 'POST', '/api/v1/tokens', {
      name: 'late',
      role: 'viewer',
      expiresAt: new Date(clock.now().getTime() - 1000).toISOString(),
    });
    expect(response.statusCode).toBe(400);
    expect(issuePaths(response)).toEqual(['body.expiresAt']);
  });
});

describe('users', () => {
  it('lets an admin create a user who can then sign in', async () => {
    const response = await t.call(adminToken, 'POST', '/api/v1/users', {
      email: 'Maria.Lopez@Example.test',
      name: 'Maria Lopez',
      role: 'engineering',
      password: 'a long enough password',
    });
    expect(response.statusCode).toBe(201);
    const user = response.json<UserView>();
    expect(user).toEqual({
      id: expect.any(String) as string,
      email: 'maria.lopez@example.test',
      name: 'Maria Lopez',
      role: 'engineering',
      mfaEnabled: false,
      disabled: false,
      createdAt: clock.now().toISOString(),
    });
    const listed = await t.call(adminToken, 'GET', '/api/v1/users');
    expect(listed.json<{ items: UserView[] }>().items).toContainEqual(user);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit.map((event) => event.action)).toEqual(['user.created']);
    expect(JSON.stringify(audit)).not.toMatch(/argon2|a long enough password/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'maria.lopez@example.test', password: 'a long enough password' },
    });
    expect(login.json()).toMatchObject({ state: 'active' });
  });

  it('refuses a second account with the same e-mail, naming the field', async () => {
    const existing = await t.createUser('viewer');
    const response = await t.call(adminToken, 'POST', '/api/v1/users', {
      email: existing.email.toUpperCase(),
      name: 'Copy',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: { code: 'conflict', issues: [{ path: 'body.email' }] },
    });
  });

  it('lists every invalid field of a new user', async () => {
    const response = await t.call(adminToken, 'POST', '/api/v1/users', {
      email: 'not-an-address',
      name: 'Someone',
      role: 'viewer',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(issuePaths(response)).toEqual(['body.email', 'body.password']);
  });

  it('answers a malformed JSON body with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      payload: '{"email": "x@example.test",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('renames a user and changes their role, which ends their sessions', async () => {
    const user = await t.createUser('quality');
    const asUser = await signIn(user.email);
    expect((await asUser('GET', '/api/v1/audit/events')).statusCode).toBe(200);
    const renamed = await t.call(adminToken, 'PATCH', `/api/v1/users/${user.id}`, {
      name: 'Renamed Person',
    });
    expect(renamed.json()).toMatchObject({ name: 'Renamed Person', role: 'quality' });
    expect((await asUser('GET', '/api/v1/audit/events')).statusCode).toBe(200);
    const demoted = await t.call(adminToken, 'PATCH', `/api/v1/users/${user.id}`, {
      role: 'viewer',
    });
    expect(demoted.json()).toMatchObject({ role: 'viewer' });
    expect((await asUser('GET', '/api/v1/audit/events')).statusCode).toBe(401);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', user.id)
      .where('action', '=', 'user.updated')
      .orderBy('seq')
      .execute();
    expect(audit.at(-1)).toMatchObject({
      before: { role: 'quality' },
      after: { role: 'viewer' },
    });
  });

  it('disables and re-enables a user', async () => {
    const user = await t.createUser('security');
    const disabled = await t.call(adminToken, 'PATCH', `/api/v1/users/${user.id}`, {
      disabled: true,
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    const enabled = await t.call(adminToken, 'PATCH', `/api/v1/users/${user.id}`, {
      disabled: false,
    });
    expect(enabled.json()).toMatchObject({ disabled: false });
  });

  it('does not let an admin disable themselves or change their own role', async () => {
    const admin = await t.createUser('admin');
    const asAdmin = await signIn(admin.email);
    const disable = await asAdmin('PATCH', `/api/v1/users/${admin.id}`, { disabled: true });
    expect(disable.statusCode).toBe(409);
    const demote = await asAdmin('PATCH', `/api/v1/users/${admin.id}`, { role: 'viewer' });
    expect(demote.statusCode).toBe(409);
    const rename = await asAdmin('PATCH', `/api/v1/users/${admin.id}`, { name: 'Still Admin' });
    expect(rename.json()).toMatchObject({ name: 'Still Admin', role: 'admin', disabled: false });
  });

  it('refuses an empty change and an unknown user', async () => {
    const user = await t.createUser('viewer');
    const empty = await t.call(adminToken, 'PATCH', `/api/v1/users/${user.id}`, {});
    expect(empty.statusCode).toBe(400);
    const unknown = await t.call(
      adminToken,
      'PATCH',
      '/api/v1/users/00000000-0000-4000-8000-000000000000',
      { name: 'Ghost' },
    );
    expect(unknown.statusCode).toBe(404);
    const notAnId = await t.call(adminToken, 'PATCH', '/api/v1/users/42', { name: 'Ghost' });
    expect(issuePaths(notAnId)).toEqual(['params.id']);
  });

  it('resets a lost second factor so the person signs in without it', async () => {
    const user = await t.createUser('quality');
    await t.ctx.db
      .updateTable('users')
      .set({ mfa_enabled: true, mfa_secret: t.ctx.secretBox.seal('JBSWY3DPEHPK3PXP') })
      .where('id', '=', user.id)
      .execute();
    const pending = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(pending.json()).toMatchObject({ state: 'mfa_pending' });
    const reset = await t.call(adminToken, 'POST', `/api/v1/users/${user.id}/reset-mfa`);
    expect(reset.json()).toMatchObject({ mfaEnabled: false });
    const cookie = pending.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    const oldSession = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { [SESSION_COOKIE]: cookie },
    });
    expect(oldSession.json()).toMatchObject({ authenticated: false });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(again.json()).toMatchObject({ state: 'active' });
  });
});
