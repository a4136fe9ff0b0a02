import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareFirstRun } from '../../src/modules/identity/first-run.js';
import { FixedClock } from '../../src/platform/clock.js';
import { sha256Hex } from '../../src/platform/crypto/secrets.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const SETUP_PASSWORD = 'first admin password';

function tokenOf(setupUrl: string): string {
  const token = new URL(setupUrl).searchParams.get('token');
  if (!token) throw new Error(`No token in ${setupUrl}`);
  return token;
}

async function issueSetupLink(t: TestApp): Promise<string> {
  const outcome = await prepareFirstRun(t.ctx);
  if (outcome.kind !== 'setup-link') throw new Error(`Expected a setup link, got ${outcome.kind}`);
  return tokenOf(outcome.url);
}

describe('first run with a setup link', () => {
  const clock = new FixedClock('2026-04-01T08:00:00Z');
  let t: TestApp;

  function setUp(token: string, email = 'owner@example.test') {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, email, name: 'Owner', password: SETUP_PASSWORD },
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_PUBLIC_URL: 'https://plumbline.example/' } });
  });
  afterAll(() => t.close());

  it('issues a one-day setup link under the public URL while nobody can sign in', async () => {
    const outcome = await prepareFirstRun(t.ctx);
    expect(outcome).toEqual({
      kind: 'setup-link',
      url: expect.stringMatching(/^https:\/\/plumbline\.example\/setup\?token=setup_/) as string,
      expiresAt: new Date('2026-04-02T08:00:00Z'),
    });
    const token = tokenOf((outcome as { url: string }).url);
    const stored = await t.ctx.db.selectFrom('setup_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).toContain(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const needed = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(needed.json()).toEqual({ needed: true });
  });

  it('refuses a wrong token and an expired link', async () => {
    const expiring = await issueSetupLink(t);
    expect((await setUp('setup_guessed')).statusCode).toBe(403);
    clock.advance(24 * 3_600_000);
    const expired = await setUp(expiring);
    expect(expired.statusCode).toBe(403);
    expect(expired.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('checks the new admin’s details', async () => {
    const token = await issueSetupLink(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, email: 'not-an-address', name: 'Owner', password: 'short' },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path),
    ).toEqual(['body.email', 'body.password']);
  });

  it('creates the first admin once, who must then set up a second factor', async () => {
    const token = await issueSetupLink(t);
    const spareToken = await issueSetupLink(t);
    const created = await setUp(token, 'Owner@Example.test');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'owner@example.test',
      role: 'admin',
      mfaEnabled: false,
    });

    const reused = await setUp(token, 'second@example.test');
    expect(reused.statusCode).toBe(403);
    const spare = await setUp(spareToken, 'third@example.test');
    expect(spare.statusCode).toBe(409);
    expect(await t.ctx.db.selectFrom('users').select('email').execute()).toEqual([
      { email: 'owner@example.test' },
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({
      needed: false,
    });
    expect(await prepareFirstRun(t.ctx)).toEqual({ kind: 'users-exist' });

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'owner@example.test', password: SETUP_PASSWORD },
    });
    expect(login.json()).toMatchObject({ state: 'enrol_required' });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_type'])
      .where('action', 'like', 'setup.%')
      .execute();
    expect(audit).toContainEqual({ action: 'setup.completed', actor_type: 'system' });
  });
});

describe('first run with a bootstrap admin from the environment', () => {
  let t: TestApp;
  const env = {
    PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL: 'Ops@Example.test',
    PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD: 'bootstrap password 1',
  };

  beforeAll(async () => {
    t = await createTestApp({ env });
  });
  afterAll(() => t.close());

  it('creates the admin at start and issues no setup link', async () => {
    expect(
      await t.ctx.db.selectFrom('users').select(['email', 'role', 'mfa_enabled']).execute(),
    ).toEqual([{ email: 'ops@example.test', role: 'admin', mfa_enabled: false }]);
    expect(await t.ctx.db.selectFrom('setup_tokens').select('token_hash').execute()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({
      needed: false,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'user.bootstrapped')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('makes the bootstrapped admin enrol a second factor before anything else', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ops@example.test', password: env.PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD },
    });
    expect(login.json()).toMatchObject({ state: 'enrol_required' });
    const cookie = login.cookies.find((c) => c.name === 'plumbline_session')?.value ?? '';
    const users = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      cookies: { plumbline_session: cookie },
    });
    expect(users.json()).toMatchObject({ error: { code: 'mfa_required' } });
  });

  it('does not create the admin a second time on the next start', async () => {
    expect(await prepareFirstRun(t.ctx)).toEqual({ kind: 'users-exist' });
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });
});
