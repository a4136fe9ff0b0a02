import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { HttpBrowser } from '../support/http-browser.js';
import {
  freePort,
  ssoEnv,
  startOidcTestProvider,
  type OidcTestProvider,
} from '../support/oidc-test-provider.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('single sign-on through an OpenID Connect provider', () => {
  let provider: OidcTestProvider;
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcTestProvider({
      redirectUri: `${baseUrl}/api/v1/auth/sso/callback`,
    });
    t = await createTestApp({
      env: {
        ...ssoEnv(provider),
        PLUMBLINE_PUBLIC_URL: baseUrl,
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
      },
    });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Signs in through the provider as `login`; where the browser ends up. */
  async function signIn(browser: HttpBrowser, login: string, next = '/assets') {
    const start = `${baseUrl}/api/v1/auth/sso/start?next=${encodeURIComponent(next)}`;
    return (await browser.follow(start, login)).url;
  }

  async function sessionOf(browser: HttpBrowser) {
    const response = await browser.request(`${baseUrl}/api/v1/auth/session`);
    return (await response.json()) as {
      authenticated: boolean;
      state: string | null;
      user: { email: string; role: string; name: string } | null;
    };
  }

  async function auditOf(entityId: string) {
    return t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
  }

  /** The provider's authorization URL of a fresh start, with some parameter changed. */
  async function tamperedProviderUrl(browser: HttpBrowser, parameter: string, value: string) {
    const started = await browser.request(`${baseUrl}/api/v1/auth/sso/start`);
    expect(started.status).toBe(302);
    const url = new URL(started.headers.get('location') ?? '');
    expect(url.origin).toBe(provider.issuer);
    url.searchParams.set(parameter, value);
    return url;
  }

  it('tells the sign-in page that single sign-on is on, and with which provider', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso' });
    expect(response.json()).toEqual({
      enabled: true,
      providerName: 'Test IdP',
      startUrl: '/api/v1/auth/sso/start',
    });
  });

  it('creates the user just in time with the role its groups map to, and opens an active session', async () => {
    provider.accounts.set('alice', {
      email: 'Alice@Example.test',
      email_verified: true,
      name: 'Alice Engineer',
      groups: ['everyone', 'plumbline-engineers'],
    });
    const browser = new HttpBrowser();
    const landed = await signIn(browser, 'alice', '/assets');
    expect(landed.href).toBe(`${baseUrl}/assets`);
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();
    expect(browser.cookie('plumbline_sso')).toBeUndefined();
    const session = await sessionOf(browser);
    expect(session).toMatchObject({
      authenticated: true,
      state: 'active',
      user: { email: 'alice@example.test', name: 'Alice Engineer', role: 'engineering' },
    });

    const user = await t.ctx.db
      .selectFrom('users')
      .innerJoin('sso_identities', 'sso_identities.user_id', 'users.id')
      .select(['users.id', 'sso_identities.issuer', 'sso_identities.subject'])
      .where('users.email', '=', 'alice@example.test')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ issuer: provider.issuer, subject: 'alice' });
    const audit = await auditOf(user.id);
    expect(audit.map((entry) => entry.action)).toEqual(['user.created', 'user.sso_login']);
    expect(audit[1]?.after).toMatchObject({ role: 'engineering', subject: 'alice' });

    // The session works like any other: it reads the register.
    const assets = await browser.request(`${baseUrl}/api/v1/assets`);
    expect(assets.status).toBe(200);
  });

  it('asks an administrator from the provider for no local TOTP: the provider did the MFA', async () => {
    provider.accounts.set('adele', {
      email: 'adele@example.test',
      groups: ['plumbline-engineers', 'plumbline-admins'],
    });
    const browser = new HttpBrowser();
    await signIn(browser, 'adele');
    // The first mapping listed wins: plumbline-admins=admin comes before the engineers.
    expect(await sessionOf(browser)).toMatchObject({
      state: 'active',
      user: { role: 'admin' },
    });
    const users = await browser.request(`${baseUrl}/api/v1/users`);
    expect(users.status).toBe(200);
  });

  it("updates a linked user's role at the next sign-in when their groups changed", async () => {
    provider.accounts.set('bob', { email: 'bob@example.test', groups: ['plumbline-engineers'] });
    const browser = new HttpBrowser();
    await signIn(browser, 'bob');
    expect((await sessionOf(browser)).user?.role).toBe('engineering');

    provider.accounts.set('bob', { email: 'bob@example.test', groups: ['plumbline-admins'] });
    const later = new HttpBrowser();
    await signIn(later, 'bob');
    expect((await sessionOf(later)).user?.role).toBe('admin');

    const { id } = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'bob@example.test')
      .executeTakeFirstOrThrow();
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.action)).toEqual([
      'user.created',
      'user.sso_login',
      'user.updated',
      'user.sso_login',
    ]);
    expect(audit[2]?.after).toMatchObject({ role: 'admin', reason: 'single sign-on groups' });
    const links = await t.ctx.db
      .selectFrom('sso_identities')
      .select('subject')
      .where('user_id', '=', id)
      .execute();
    expect(links).toEqual([{ subject: 'bob' }]);
  });

  it('refuses a person whose groups map to no role, says why, creates nobody and audits it', async () => {
    provider.accounts.set('mallory', {
      email: 'mallory@example.test',
      groups: ['contractors'],
    });
    const browser = new HttpBrowser();
    const landed = await signIn(browser, 'mallory');
    expect(`${landed.pathname}${landed.search}`).toBe('/login?sso_error=no_role');
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const user = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'mallory@example.test')
      .executeTakeFirst();
    expect(user).toBeUndefined();
    const audit = await auditOf('mallory@example.test');
    expect(audit.map((entry) => entry.action)).toEqual(['user.sso_login_refused']);
    expect(audit[0]?.after).toMatchObject({ reason: 'no_role', groups: ['contractors'] });
  });

  it('refuses an answer whose state is not the one this browser was sent with', async () => {
    provider.accounts.set('sam', { email: 'sam@example.test', groups: ['plumbline-admins'] });
    const browser = new HttpBrowser();
    const url = await tamperedProviderUrl(browser, 'state', 'a-state-someone-else-chose');
    const landed = (await browser.follow(url.href, 'sam', baseUrl)).url;
    expect(`${landed.pathname}${landed.search}`).toBe('/login?sso_error=invalid_response');
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const refused = (await auditOf('single sign-on')).at(-1)?.after as Record<string, string>;
    expect(refused.reason).toBe('invalid_response');
    expect(refused.problem).toMatch(/state/i);
  });

  it('refuses an ID token whose nonce is not the one this browser was sent with', async () => {
    provider.accounts.set('nina', { email: 'nina@example.test', groups: ['plumbline-admins'] });
    const browser = new HttpBrowser();
    const url = await tamperedProviderUrl(browser, 'nonce', 'a-nonce-someone-else-chose');
    const landed = (await browser.follow(url.href, 'nina', baseUrl)).url;
    expect(`${landed.pathname}${landed.search}`).toBe('/login?sso_error=invalid_response');
    expect(browser.cookie(SESSION_COOKIE)).toBeUndefined();
    const refused = (await auditOf('single sign-on')).at(-1)?.after as Record<string, string>;
    expect(refused.reason).toBe('invalid_response');
    expect(refused.problem).toMatch(/nonce/i);
    const user = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'nina@example.test')
      .executeTakeFirst();
    expect(user).toBeUndefined();
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    provider.accounts.set('eve', { email: 'eve@example.test', groups: ['plumbline-admins'] });
    const started = await new HttpBrowser().request(`${baseUrl}/api/v1/auth/sso/start`);
    const victim = new HttpBrowser();
    const landed = (await victim.follow(started.headers.get('location') ?? '', 'eve', baseUrl)).url;
    expect(`${landed.pathname}${landed.search}`).toBe('/login?sso_error=expired');
    expect(victim.cookie(SESSION_COOKIE)).toBeUndefined();
  });

  it('never takes over a local account that has the same e-mail address', async () => {
    const local = await t.createUser('admin', 'break-glass@example.test');
    provider.accounts.set('intruder', {
      email: 'break-glass@example.test',
      groups: ['plumbline-admins'],
    });
    const browser = new HttpBrowser();
    const landed = await signIn(browser, 'intruder');
    expect(`${landed.pathname}${landed.search}`).toBe('/login?sso_error=email_taken');
    const links = await t.ctx.db
      .selectFrom('sso_identities')
      .select('subject')
      .where('user_id', '=', local.id)
      .execute();
    expect(links).toEqual([]);
  });

  it('keeps local password sign-in (with MFA) as break-glass, but not for single sign-on accounts', async () => {
    const admin = await t.createUser('admin');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: admin.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ state: 'enrol_required' });

    provider.accounts.set('paula', { email: 'paula@example.test', groups: ['plumbline-admins'] });
    await signIn(new HttpBrowser(), 'paula');
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'paula@example.test', password: '!sso' },
    });
    expect(password.statusCode).toBe(401);
  });
});

describe('single sign-on when not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says it is off and answers 404 at the start and the callback', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso' });
    expect(status.json()).toEqual({ enabled: false, providerName: null, startUrl: null });
    for (const url of ['/api/v1/auth/sso/start', '/api/v1/auth/sso/callback?code=x&state=y']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
    }
  });
});
