import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequestView } from '../../src/modules/accounts/access-request.schema.js';
import { accountsFixture, createSystem, upload } from '../api/accounts.fixtures.js';
import {
  freePort,
  ssoEnv,
  startOidcTestProvider,
  type OidcTestProvider,
} from '../support/oidc-test-provider.js';
import {
  expectPath,
  field,
  openPage,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('e-signing as a single sign-on user in a real browser', () => {
  let provider: OidcTestProvider;
  let harness: BrowserHarness;
  let security: string;
  let people = 0;

  beforeAll(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    provider = await startOidcTestProvider({
      redirectUri: `${baseUrl}/api/v1/auth/sso/callback`,
    });
    harness = await startBrowserHarness({
      port,
      env: { ...ssoEnv(provider), PLUMBLINE_PUBLIC_URL: baseUrl },
    });
    const { t } = harness;
    security = await t.tokenFor('security');
    const imported = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(imported.statusCode, imported.body).toBe(200);
    await createSystem(t, security, 'billing');
  });
  afterAll(async () => {
    await harness?.close();
    await provider?.close();
  });

  /** A new admin at the provider, signed in to Plumbline through it, on the access requests page. */
  async function signedInAtProvider() {
    people += 1;
    const login = `signer${people}`;
    const name = `Signer ${people}`;
    provider.accounts.set(login, {
      email: `${login}@example.test`,
      name,
      groups: ['plumbline-admins'],
    });
    const { page, problems } = await openPage(harness);
    await page.goto('/access-requests');
    await expectPath(page, '/login');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await signInAtProvider(page, login);
    await expectPath(page, '/access-requests');
    const userId = await page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/session');
      return ((await response.json()) as { user: { id: string } }).user.id;
    });
    return { login, name, page, problems, userId };
  }

  /**
   * At the provider's development pages: any password, then consent, which the provider asks only
   * the first time an account signs in to Plumbline.
   */
  async function signInAtProvider(page: Page, login: string, options = { consent: true }) {
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    if (options.consent) await page.getByRole('button', { name: 'Continue' }).click();
  }

  /** A pending access request the security officer made: a record the signer may approve. */
  async function accessRequest(person: string): Promise<AccessRequestView> {
    const created = await harness.t.call(security, 'POST', '/api/v1/access-requests', {
      person,
      asset: 'billing',
      role: 'reader',
      justification: 'Reads the invoices',
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<AccessRequestView>();
  }

  function rowOf(page: Page, id: string) {
    return page.getByTestId('access-requests').locator(`tr[data-request="${id}"]`);
  }

  it('approves an access request by signing in again at the provider in a popup; the signature records the proof', async () => {
    const request = await accessRequest('alice@example.test');
    const signer = await signedInAtProvider();
    const { page } = signer;
    const statusOf = () =>
      rowOf(page, request.id).getByTestId('access-request-status').textContent();
    await expect.poll(statusOf).toBe('requested');

    await rowOf(page, request.id).getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve access' });
    await expect
      .poll(() => dialog.textContent())
      .toContain('Sign in again at your identity provider to confirm it is you');
    // No password to give: a single sign-on account has none here.
    expect(await dialog.getByLabel(/^Password/).count()).toBe(0);
    await field(dialog, 'Note (optional)').fill('Least privilege: reader only');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      dialog.getByRole('button', { name: 'Sign and approve' }).click(),
    ]);
    const closed = popup.waitForEvent('close');
    // The provider asks for the sign-in again, although the person is signed in there.
    await signInAtProvider(popup, signer.login, { consent: false });
    await closed;

    await expect.poll(statusOf).toBe('approved');
    expect(await rowOf(page, request.id).textContent()).toContain(`Approved by ${signer.name}`);
    const { db } = harness.t.ctx;
    const signature = await db
      .selectFrom('signatures')
      .selectAll()
      .where('entity_id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(signature).toMatchObject({ signer_id: signer.userId, method: 'sso' });
    // The proof that signed: issued for this person by a fresh sign-in at the provider, used once.
    const proofs = await db
      .selectFrom('signing_proofs')
      .selectAll()
      .where('user_id', '=', signer.userId)
      .execute();
    expect(proofs).toHaveLength(1);
    expect(proofs[0]).toMatchObject({ issuer: provider.issuer, subject: signer.login });
    expect(proofs[0]!.used_at).not.toBeNull();
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', 'in', [signer.userId, signature.id])
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['signature.reauthenticated', 'signature.created']),
    );
    expect(audit.find((entry) => entry.action === 'signature.created')?.after).toMatchObject({
      entityId: request.id,
      method: 'sso',
    });
    // (The provider's development pages log their own failures: a web font, a favicon.)
    expect(signer.problems.filter((problem) => problem.startsWith('page error'))).toEqual([]);
  });

  it('records nothing when someone else signs in at the provider in the popup, and says why', async () => {
    const request = await accessRequest('bob@example.test');
    const signer = await signedInAtProvider();
    const other = `${signer.login}-colleague`;
    provider.accounts.set(other, { email: `${other}@example.test`, groups: ['plumbline-admins'] });
    const { page } = signer;
    await rowOf(page, request.id).getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve access' });
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      dialog.getByRole('button', { name: 'Sign and approve' }).click(),
    ]);
    const closed = popup.waitForEvent('close');
    await signInAtProvider(popup, other);
    await closed;
    await expect
      .poll(() => dialog.getByRole('alert').filter({ hasText: 'Someone else signed in' }).count())
      .toBe(1);
    expect(await rowOf(page, request.id).getByTestId('access-request-status').textContent()).toBe(
      'requested',
    );
    const signatures = await harness.t.ctx.db
      .selectFrom('signatures')
      .select('id')
      .where('entity_id', '=', request.id)
      .execute();
    expect(signatures).toEqual([]);
  });
});
