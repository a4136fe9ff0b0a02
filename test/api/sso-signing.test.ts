import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { HttpBrowser } from '../support/http-browser.js';
import {
  freePort,
  ssoEnv,
  startOidcTestProvider,
  type OidcTestProvider,
} from '../support/oidc-test-provider.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { accountsFixture, createSystem, upload } from './accounts.fixtures.js';
import { signedInPerson } from '../support/factory.js';

/** The real time (the provider's clock) moved by `offsetMs`: Plumbline's clock in this file. */
class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

describe('e-signatures of single sign-on users: a fresh sign-in at the provider', () => {
  const clock = new ShiftedClock();
  let provider: OidcTestProvider;
  let t: TestApp;
  let baseUrl: string;
  let security: string;
  let accounts = 0;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcTestProvider({
      redirectUri: `${baseUrl}/api/v1/auth/sso/callback`,
      postLogoutRedirectUri: `${baseUrl}/login`,
    });
    t = await createTestApp({
      clock,
      env: {
        ...ssoEnv(provider),
        PLUMBLINE_PUBLIC_URL: baseUrl,
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
        PLUMBLINE_REQUIRE_MFA: 'false',
      },
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    security = await t.tokenFor('security');
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(people.statusCode, people.body).toBe(200);
    await createSystem(t, security, 'billing');
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });
  beforeEach(() => {
    clock.offsetMs = 0;
  });

  /** A new person at the provider (an admin by their groups), signed in to Plumbline through it. */
  async function ssoUser() {
    accounts += 1;
    const login = `signer${accounts}`;
    provider.accounts.set(login, {
      email: `${login}@example.test`,
      name: `Signer ${accounts}`,
      groups: ['plumbline-admins'],
    });
    const browser = new HttpBrowser();
    await browser.follow(`${baseUrl}/api/v1/auth/sso/start`, login);
    const session = (await (await browser.request(`${baseUrl}/api/v1/auth/session`)).json()) as {
      csrfToken: string;
      user: { id: string };
    };
    const call = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: browser.cookie(SESSION_COOKIE) ?? '' },
        headers: { 'x-csrf-token': session.csrfToken },
        ...(payload ? { payload } : {}),
      });
    return { login, browser, userId: session.user.id, call };
  }

  /** Re-authenticates at the provider as `login`; the fragment the browser comes back with. */
  async function reauthenticate(browser: HttpBrowser, login: string, next = '/access/requests') {
    const start = `${baseUrl}/api/v1/auth/sso/reauthenticate?next=${encodeURIComponent(next)}`;
    const landed = (await browser.follow(start, login)).url;
    expect(landed.pathname).toBe(next);
    return new URLSearchParams(landed.hash.slice(1));
  }

  /** A pending access request someone else asked for: a record the signer may approve. */
  async function accessRequest(): Promise<string> {
    const created = await t.call(security, 'POST', '/api/v1/access-requests', {
      person: 'bob@example.test',
      asset: 'billing',
      role: 'reader',
      justification: 'Reads the invoices',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string }>().id;
  }

  async function auditOf(entityId: string) {
    return t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
  }

  it('asks the provider for a fresh sign-in, then signs with the proof it yields', async () => {
    const signer = await ssoUser();
    const started = await signer.browser.request(
      `${baseUrl}/api/v1/auth/sso/reauthenticate?next=/access/requests`,
    );
    expect(started.status).toBe(302);
    const providerUrl = new URL(started.headers.get('location') ?? '');
    expect(providerUrl.origin).toBe(provider.issuer);
    expect(providerUrl.searchParams.get('prompt')).toBe('login');
    expect(providerUrl.searchParams.get('max_age')).toBe('0');

    const fragment = await reauthenticate(signer.browser, signer.login);
    const signingProof = fragment.get('signingProof');
    expect(signingProof).toMatch(/^sgp_/);
    const id = await accessRequest();
    const approved = await signer.call('POST', `/api/v1/access-requests/${id}/approve`, {
      signingProof,
      note: 'Least privilege',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const signature = await t.ctx.db
      .selectFrom('signatures')
      .select(['signer_id', 'method'])
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(signature).toEqual({ signer_id: signer.userId, method: 'sso' });
    const userAudit = await auditOf(signer.userId);
    expect(userAudit.at(-1)).toMatchObject({
      action: 'signature.reauthenticated',
      after: { subject: signer.login, issuer: provider.issuer },
    });
    const created = await t.ctx.db
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'signature.created')
      .where('entity_type', '=', 'signature')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(created.after).toMatchObject({ entityId: id, method: 'sso' });
  });

  it('signs once with a proof: the second signature with it is refused and audited', async () => {
    const signer = await ssoUser();
    const signingProof = (await reauthenticate(signer.browser, signer.login)).get('signingProof');
    const first = await accessRequest();
    const second = await accessRequest();
    const approved = await signer.call('POST', `/api/v1/access-requests/${first}/approve`, {
      signingProof,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const again = await signer.call('POST', `/api/v1/access-requests/${second}/approve`, {
      signingProof,
    });
    expect(again.statusCode).toBe(401);
    expect(again.json<ErrorBody>().error.message).toMatch(/already used/);
    expect((await auditOf(second)).at(-1)).toMatchObject({
      action: 'signature.failed',
      after: { reason: 'the signing proof was already used' },
    });
  });

  it('refuses a proof after its five minutes', async () => {
    const signer = await ssoUser();
    const signingProof = (await reauthenticate(signer.browser, signer.login)).get('signingProof');
    clock.offsetMs = 5 * 60_000 + 1_000;
    const id = await accessRequest();
    const late = await signer.call('POST', `/api/v1/access-requests/${id}/approve`, {
      signingProof,
    });
    expect(late.statusCode).toBe(401);
    expect(late.json<ErrorBody>().error.message).toMatch(/expired/);
  });

  it('refuses a proof in another session of the same person, and a made-up proof', async () => {
    const signer = await ssoUser();
    const signingProof = (await reauthenticate(signer.browser, signer.login)).get('signingProof');
    const otherBrowser = new HttpBrowser();
    await otherBrowser.follow(`${baseUrl}/api/v1/auth/sso/start`, signer.login);
    const session = (await (
      await otherBrowser.request(`${baseUrl}/api/v1/auth/session`)
    ).json()) as { csrfToken: string };
    const id = await accessRequest();
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/v1/access-requests/${id}/approve`,
      cookies: { [SESSION_COOKIE]: otherBrowser.cookie(SESSION_COOKIE) ?? '' },
      headers: { 'x-csrf-token': session.csrfToken },
      payload: { signingProof },
    });
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.json<ErrorBody>().error.message).toMatch(/another session/);
    const madeUp = await signer.call('POST', `/api/v1/access-requests/${id}/approve`, {
      signingProof: 'sgp_made-up',
    });
    expect(madeUp.statusCode).toBe(401);
    expect(madeUp.json<ErrorBody>().error.message).toMatch(/unknown/);
  });

  it('issues no proof when someone else signs in at the provider', async () => {
    const signer = await ssoUser();
    const other = await ssoUser();
    const fragment = await reauthenticate(signer.browser, other.login);
    expect(fragment.get('signingProof')).toBeNull();
    expect(fragment.get('signingError')).toBe('wrong_subject');
    expect((await auditOf(signer.userId)).at(-1)).toMatchObject({
      action: 'signature.failed',
      after: { reason: 'wrong_subject', subject: other.login },
    });
  });

  it('issues no proof for a sign-in older than the signing intent (a provider that ignored prompt=login)', async () => {
    const signer = await ssoUser();
    // The intent is made ten minutes after the person's last sign-in at the provider...
    clock.offsetMs = 10 * 60_000;
    const started = await signer.browser.request(`${baseUrl}/api/v1/auth/sso/reauthenticate`);
    const providerUrl = new URL(started.headers.get('location') ?? '');
    // ...and the provider answers from that session instead of asking again.
    providerUrl.searchParams.delete('prompt');
    providerUrl.searchParams.delete('max_age');
    const landed = (await signer.browser.follow(providerUrl.href, signer.login, baseUrl)).url;
    const fragment = new URLSearchParams(landed.hash.slice(1));
    expect(fragment.get('signingError')).toBe('stale_authentication');
    expect(
      await t.ctx.db
        .selectFrom('signing_proofs')
        .select('user_id')
        .where('user_id', '=', signer.userId)
        .execute(),
    ).toEqual([]);
  });

  it('keeps local accounts on password and TOTP, and single sign-on accounts off them', async () => {
    const local = await signedInPerson(t, 'admin');
    const refused = await local.call('GET', '/api/v1/auth/sso/reauthenticate');
    expect(refused.statusCode).toBe(409);
    const id = await accessRequest();
    const byPassword = await local.call('POST', `/api/v1/access-requests/${id}/approve`, {
      password: TEST_PASSWORD,
    });
    expect(byPassword.statusCode, byPassword.body).toBe(200);

    const signer = await ssoUser();
    const other = await accessRequest();
    const ssoByPassword = await signer.call('POST', `/api/v1/access-requests/${other}/approve`, {
      password: '!sso',
    });
    expect(ssoByPassword.statusCode).toBe(401);
    expect(ssoByPassword.json<ErrorBody>().error.message).toMatch(/identity provider/);
  });

  it("signing out of a single sign-on session ends the provider's session too", async () => {
    const signer = await ssoUser();
    const loggedOut = await signer.call('POST', '/api/v1/auth/logout');
    expect(loggedOut.statusCode, loggedOut.body).toBe(200);
    const providerLogoutUrl = new URL(
      loggedOut.json<{ providerLogoutUrl: string }>().providerLogoutUrl,
    );
    expect(providerLogoutUrl.origin).toBe(provider.issuer);
    expect(providerLogoutUrl.searchParams.get('id_token_hint')).toBeTruthy();
    expect(providerLogoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${baseUrl}/login`);
    expect((await auditOf(signer.userId)).at(-1)).toMatchObject({
      action: 'session.logout',
      after: { identityProviderLogout: true },
    });

    // The provider asks to confirm, then sends the browser back to Plumbline's sign-in page.
    const confirm = await signer.browser.request(providerLogoutUrl.href);
    const html = await confirm.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await signer.browser.request(new URL(action, providerLogoutUrl).href, {
      form: { xsrf, logout: 'yes' },
    });
    expect(done.headers.get('location')).toMatch(new RegExp(`^${baseUrl}/login`));

    // The provider's session is gone: signing in again shows its login page.
    const again = await signer.browser.request(`${baseUrl}/api/v1/auth/sso/start`);
    const atProvider = await signer.browser.request(again.headers.get('location') ?? '');
    const interaction = await signer.browser.request(
      new URL(atProvider.headers.get('location') ?? '', provider.issuer).href,
    );
    expect(await interaction.text()).toMatch(/name="prompt" value="login"/);
  });

  it('links a local account to a person at the provider and unlinks it, audited, admins only', async () => {
    const admin = await signedInPerson(t, 'admin');
    const local = await signedInPerson(t, 'engineering', 'carol.local@example.test');
    provider.accounts.set('carol', {
      email: 'carol.local@example.test',
      groups: ['plumbline-engineers'],
    });
    const url = `/api/v1/users/${local.userId}/sso-identity`;

    const noSubject = await admin.call('PUT', url, {});
    expect(noSubject.statusCode).toBe(400);
    expect(noSubject.body).toContain('body.subject');
    const byThemselves = await local.call('PUT', url, { subject: 'carol' });
    expect(byThemselves.statusCode).toBe(403);

    const linked = await admin.call('PUT', url, { subject: 'carol' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({
      userId: local.userId,
      issuer: provider.issuer,
      subject: 'carol',
    });
    expect((await admin.call('PUT', url, { subject: 'carol' })).statusCode).toBe(200);
    const other = await t.createUser('viewer');
    const taken = await admin.call('PUT', `/api/v1/users/${other.id}/sso-identity`, {
      subject: 'carol',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('body.subject');

    // Their password session has ended, and password sign-in is refused from now on.
    expect((await local.call('GET', '/api/v1/auth/session')).json()).toMatchObject({
      authenticated: false,
    });
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: local.email, password: TEST_PASSWORD },
    });
    expect(password.statusCode).toBe(401);
    // Signing in at the provider opens the linked account (no second account is created).
    const browser = new HttpBrowser();
    await browser.follow(`${baseUrl}/api/v1/auth/sso/start`, 'carol');
    const session: unknown = await (await browser.request(`${baseUrl}/api/v1/auth/session`)).json();
    expect(session).toMatchObject({ user: { id: local.userId, email: local.email } });

    const unlinked = await admin.call('DELETE', url);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect((await admin.call('DELETE', url)).statusCode).toBe(404);
    const audit = (await auditOf(local.userId)).filter((e) => e.action.startsWith('user.sso_'));
    expect(audit.map((e) => e.action)).toEqual([
      'user.sso_linked',
      'user.sso_login',
      'user.sso_unlinked',
    ]);
    expect(audit[0]?.after).toMatchObject({ subject: 'carol', issuer: provider.issuer });
    // Unlinked: the provider's carol no longer reaches the account, and the password works again.
    const again = new HttpBrowser();
    const landed = (await again.follow(`${baseUrl}/api/v1/auth/sso/start`, 'carol')).url;
    expect(`${landed.pathname}${landed.search}`).toBe('/login?sso_error=email_taken');
    const passwordAgain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: local.email, password: TEST_PASSWORD },
    });
    expect(passwordAgain.statusCode).toBe(200);
  });

  it('a local session signs out without a provider logout', async () => {
    const local = await signedInPerson(t, 'viewer');
    const loggedOut = await local.call('POST', '/api/v1/auth/logout');
    expect(loggedOut.json()).toEqual({ ok: true, providerLogoutUrl: null });
  });
});
