import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/platform/auth/totp.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { FixedClock } from '../../src/platform/clock.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const TOTP_STEP_MS = 30_000;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Session {
  login: LightMyRequestResponse;
  state: string;
  cookie: string;
  csrfToken: string;
  /** Calls the API with the session cookie, and the CSRF header unless told not to. */
  call(
    method: Method,
    url: string,
    payload?: unknown,
    options?: { csrf?: boolean },
  ): Promise<LightMyRequestResponse>;
}

async function logIn(
  t: TestApp,
  email: string,
  password = TEST_PASSWORD,
  remoteAddress?: string,
): Promise<Session> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const body = login.statusCode === 200 ? login.json<{ state: string; csrfToken: string }>() : null;
  return {
    login,
    state: body?.state ?? '',
    cookie,
    csrfToken: body?.csrfToken ?? '',
    call(method, url, payload, options = {}) {
      return t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: options.csrf === false ? {} : { 'x-csrf-token': body?.csrfToken ?? '' },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    },
  };
}

async function auditActions(t: TestApp, entityId: string): Promise<unknown[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['action', 'after'])
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows;
}

describe('signing in', () => {
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  let t: TestApp;
  let adminToken: string;

  /** A user of the role who has set up TOTP; the clock is moved on past the code used to confirm. */
  async function enrolledUser(role: UserRole) {
    const user = await t.createUser(role);
    const session = await logIn(t, user.email);
    const enrolment = await session.call('POST', '/api/v1/auth/mfa/enrol');
    const { secret } = enrolment.json<{ secret: string }>();
    const confirm = await session.call('POST', '/api/v1/auth/mfa/confirm', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    await session.call('POST', '/api/v1/auth/logout');
    clock.advance(TOTP_STEP_MS);
    return {
      user,
      secret,
      recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes,
    };
  }

  beforeAll(async () => {
    // Many sign-ins from one address in a minute; the limit itself is tested on its own server.
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    adminToken = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  describe('with a password', () => {
    it('refuses a wrong password with 401 and records the failed attempt', async () => {
      const user = await t.createUser('quality');
      const session = await logIn(t, user.email, 'not the password at all');
      expect(session.login.statusCode).toBe(401);
      expect(session.login.json()).toMatchObject({ error: { code: 'unauthenticated' } });
      expect(session.cookie).toBe('');
      expect(await auditActions(t, user.id)).toEqual([
        expect.objectContaining({ action: 'user.created' }),
        {
          action: 'session.login_failed',
          after: { ip: '127.0.0.1', reason: 'wrong password' },
        },
      ]);
    });

    it('answers an unknown e-mail exactly like a wrong password', async () => {
      const session = await logIn(t, 'nobody@example.test');
      expect(session.login.statusCode).toBe(401);
      expect(session.login.json()).toEqual({
        error: { code: 'unauthenticated', message: 'Wrong e-mail or password' },
      });
      expect(await auditActions(t, 'nobody@example.test')).toEqual([
        { action: 'session.login_failed', after: { ip: '127.0.0.1', reason: 'unknown account' } },
      ]);
    });

    it('opens an active session for a role without a second factor, with its CSRF token', async () => {
      const user = await t.createUser('quality');
      const session = await logIn(t, user.email.toUpperCase());
      expect(session.login.statusCode).toBe(200);
      expect(session.state).toBe('active');
      const cookie = session.login.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const current = await session.call('GET', '/api/v1/auth/session');
      expect(current.json()).toEqual({
        authenticated: true,
        state: 'active',
        csrfToken: session.csrfToken,
        user: expect.objectContaining({
          id: user.id,
          email: user.email,
          role: 'quality',
        }) as object,
        setupNeeded: false,
        signsWith: 'credentials',
        engagement: null,
        // The web shows every date as the organisation's clock reads it.
        timeZone: 'Europe/Berlin',
      });
      expect((await session.call('GET', '/api/v1/audit/events')).statusCode).toBe(200);
    });

    it('refuses a change made with the cookie alone and accepts it with the CSRF header', async () => {
      const user = await t.createUser('quality');
      const session = await logIn(t, user.email);
      const withoutHeader = await session.call('POST', '/api/v1/auth/logout', undefined, {
        csrf: false,
      });
      expect(withoutHeader.statusCode).toBe(403);
      expect(withoutHeader.json()).toMatchObject({ error: { code: 'forbidden' } });
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        cookies: { [SESSION_COOKIE]: session.cookie },
        headers: { 'x-csrf-token': 'guessed' },
      });
      expect(forged.statusCode).toBe(403);
      expect((await session.call('GET', '/api/v1/auth/session')).json()).toMatchObject({
        authenticated: true,
      });
      const withHeader = await session.call('POST', '/api/v1/auth/logout');
      expect(withHeader.statusCode).toBe(200);
      expect((await session.call('GET', '/api/v1/auth/session')).json()).toMatchObject({
        authenticated: false,
        csrfToken: null,
        timeZone: null,
      });
    });

    it('ends the session after its lifetime', async () => {
      const user = await t.createUser('engineering');
      const session = await logIn(t, user.email);
      clock.advance(t.config.sessionTtlHours * 3_600_000 - 60_000);
      expect((await session.call('GET', '/api/v1/audit/events')).statusCode).toBe(200);
      clock.advance(60_000);
      const expired = await session.call('GET', '/api/v1/audit/events');
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    });

    it('refuses a disabled user and ends the sessions they had', async () => {
      const user = await t.createUser('quality');
      const session = await logIn(t, user.email);
      expect((await session.call('GET', '/api/v1/audit/events')).statusCode).toBe(200);
      const disable = await t.call(adminToken, 'PATCH', `/api/v1/users/${user.id}`, {
        disabled: true,
      });
      expect(disable.json()).toMatchObject({ disabled: true });
      expect((await session.call('GET', '/api/v1/audit/events')).statusCode).toBe(401);
      const again = await logIn(t, user.email);
      expect(again.login.statusCode).toBe(401);
      expect(await auditActions(t, user.id)).toContainEqual({
        action: 'session.login_failed',
        after: { ip: '127.0.0.1', reason: 'account disabled' },
      });
    });
  });

  describe('with a second factor', () => {
    it('keeps an admin without one to enrolment only, refusing the API with mfa_required', async () => {
      const admin = await t.createUser('admin');
      const session = await logIn(t, admin.email);
      expect(session.state).toBe('enrol_required');
      const refused = await session.call('GET', '/api/v1/users');
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({
        error: { code: 'mfa_required', details: { sessionState: 'enrol_required' } },
      });
      expect((await session.call('GET', '/api/v1/auth/session')).json()).toMatchObject({
        authenticated: true,
        state: 'enrol_required',
      });
    });

    it('enrols with a QR code and a first code, then hands out ten recovery codes', async () => {
      const admin = await t.createUser('admin');
      const session = await logIn(t, admin.email);
      const enrolment = await session.call('POST', '/api/v1/auth/mfa/enrol');
      expect(enrolment.statusCode).toBe(200);
      const { secret, otpauthUri, qrCodeDataUrl } = enrolment.json<{
        secret: string;
        otpauthUri: string;
        qrCodeDataUrl: string;
      }>();
      expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(otpauthUri).toContain(`secret=${secret}`);
      expect(otpauthUri).toContain('issuer=Plumbline');

      const wrong = await session.call('POST', '/api/v1/auth/mfa/confirm', {
        code: totpCodeAt(secret, new Date(clock.now().getTime() + 10 * TOTP_STEP_MS)),
      });
      expect(wrong.statusCode).toBe(400);
      expect((await session.call('GET', '/api/v1/users')).statusCode).toBe(401);

      const confirm = await session.call('POST', '/api/v1/auth/mfa/confirm', {
        code: totpCodeAt(secret, clock.now()),
      });
      expect(confirm.statusCode).toBe(200);
      const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      expect((await session.call('GET', '/api/v1/users')).statusCode).toBe(200);

      const stored = await t.ctx.db
        .selectFrom('users')
        .select(['mfa_secret', 'recovery_code_hashes'])
        .where('id', '=', admin.id)
        .executeTakeFirstOrThrow();
      expect(stored.mfa_secret).not.toContain(secret);
      expect(JSON.stringify(stored.recovery_code_hashes)).not.toContain(recoveryCodes[0]);
      clock.advance(TOTP_STEP_MS);
    });

    it('asks for a code at the next sign-in and lets the session in once it is right', async () => {
      const { user, secret } = await enrolledUser('admin');
      const session = await logIn(t, user.email);
      expect(session.state).toBe('mfa_pending');
      const pending = await session.call('GET', '/api/v1/users');
      expect(pending.json()).toMatchObject({
        error: { code: 'mfa_required', details: { sessionState: 'mfa_pending' } },
      });
      const wrong = await session.call('POST', '/api/v1/auth/mfa/verify', { code: '000000' });
      expect(wrong.statusCode).toBe(401);
      const verify = await session.call('POST', '/api/v1/auth/mfa/verify', {
        code: totpCodeAt(secret, clock.now()),
      });
      expect(verify.statusCode).toBe(200);
      expect((await session.call('GET', '/api/v1/users')).statusCode).toBe(200);
      const actions = (await auditActions(t, user.id)) as { action: string }[];
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['session.mfa_failed', 'session.mfa_verified']),
      );
    });

    it('refuses a replayed TOTP code on a new session', async () => {
      const { user, secret } = await enrolledUser('security');
      const code = totpCodeAt(secret, clock.now());
      const first = await logIn(t, user.email);
      expect((await first.call('POST', '/api/v1/auth/mfa/verify', { code })).statusCode).toBe(200);
      const second = await logIn(t, user.email);
      const replay = await second.call('POST', '/api/v1/auth/mfa/verify', { code });
      expect(replay.statusCode).toBe(401);
      expect(replay.json<{ error: { message: string } }>().error.message).toMatch(/already used/);
      expect((await second.call('GET', '/api/v1/audit/events')).statusCode).toBe(401);
    });

    it('refuses the code that confirmed enrolment', async () => {
      const admin = await t.createUser('admin');
      const enrolling = await logIn(t, admin.email);
      const { secret } = (await enrolling.call('POST', '/api/v1/auth/mfa/enrol')).json<{
        secret: string;
      }>();
      const code = totpCodeAt(secret, clock.now());
      await enrolling.call('POST', '/api/v1/auth/mfa/confirm', { code });
      const next = await logIn(t, admin.email);
      expect((await next.call('POST', '/api/v1/auth/mfa/verify', { code })).statusCode).toBe(401);
      clock.advance(TOTP_STEP_MS);
    });

    it('accepts one code only once even when it is sent twice at the same moment', async () => {
      const { user, secret } = await enrolledUser('admin');
      const code = totpCodeAt(secret, clock.now());
      const sessions = [await logIn(t, user.email), await logIn(t, user.email)];
      const answers = await Promise.all(
        sessions.map((s) => s.call('POST', '/api/v1/auth/mfa/verify', { code })),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    });

    it('accepts each recovery code once', async () => {
      const { user, recoveryCodes } = await enrolledUser('admin');
      const [firstCode, secondCode] = recoveryCodes;
      const first = await logIn(t, user.email);
      expect(
        (await first.call('POST', '/api/v1/auth/mfa/verify', { code: firstCode })).statusCode,
      ).toBe(200);
      const reuse = await logIn(t, user.email);
      expect(
        (await reuse.call('POST', '/api/v1/auth/mfa/verify', { code: firstCode })).statusCode,
      ).toBe(401);
      expect(
        (await reuse.call('POST', '/api/v1/auth/mfa/verify', { code: secondCode })).statusCode,
      ).toBe(200);
      expect((await reuse.call('GET', '/api/v1/users')).statusCode).toBe(200);
    });

    it('spends a recovery code only once even when it is sent twice at the same moment', async () => {
      const { user, recoveryCodes } = await enrolledUser('admin');
      const sessions = [await logIn(t, user.email), await logIn(t, user.email)];
      const answers = await Promise.all(
        sessions.map((s) => s.call('POST', '/api/v1/auth/mfa/verify', { code: recoveryCodes[0] })),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    });

    it('does not let a token or a finished session verify a code', async () => {
      const user = await t.createUser('quality');
      const session = await logIn(t, user.email);
      const active = await session.call('POST', '/api/v1/auth/mfa/verify', { code: '123456' });
      expect(active.statusCode).toBe(409);
      const enrolByToken = await t.call(adminToken, 'POST', '/api/v1/auth/mfa/enrol');
      expect(enrolByToken.statusCode).toBe(403);
    });
  });
});

describe('signing in where MFA is not required, with a small login limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { PLUMBLINE_REQUIRE_MFA: 'false', PLUMBLINE_LOGIN_RATE_LIMIT: '3' },
    });
  });
  afterAll(() => t.close());

  it('gives an admin an active session without a second factor', async () => {
    const admin = await t.createUser('admin');
    const session = await logIn(t, admin.email, TEST_PASSWORD, '198.51.100.1');
    expect(session.state).toBe('active');
    expect((await session.call('GET', '/api/v1/users')).statusCode).toBe(200);
  });

  it('answers 429 once an address has used up its sign-in attempts', async () => {
    const user = await t.createUser('viewer');
    const address = '203.0.113.7';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await logIn(t, user.email, 'wrong password!', address)).login.statusCode);
    }
    const limited = await logIn(t, user.email, TEST_PASSWORD, address);
    expect(statuses).toEqual([401, 401, 401]);
    expect(limited.login.statusCode).toBe(429);
    expect(limited.login.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(limited.cookie).toBe('');
    const elsewhere = await logIn(t, user.email, TEST_PASSWORD, '203.0.113.8');
    expect(elsewhere.state).toBe('active');
  });
});
