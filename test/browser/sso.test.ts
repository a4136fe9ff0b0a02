import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  ssoEnv,
  startOidcTestProvider,
  type OidcTestProvider,
} from '../support/oidc-test-provider.js';
import { expectPath, openPage, startBrowserHarness, type BrowserHarness } from './browser.js';

describe('single sign-on in a real browser', () => {
  let provider: OidcTestProvider;
  let harness: BrowserHarness;

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
  });
  afterAll(async () => {
    await harness?.close();
    await provider?.close();
  });

  /** At the provider's development pages: any login name, then consent. */
  async function signInAtProvider(page: Page, login: string) {
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('signs a person in through the provider, straight to the page they asked for', async () => {
    provider.accounts.set('grace', {
      email: 'grace@example.test',
      name: 'Grace Hopper',
      groups: ['plumbline-engineers'],
    });
    const { page } = await openPage(harness);
    await page.goto('/assets');
    await expectPath(page, '/login');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await signInAtProvider(page, 'grace');
    await expectPath(page, '/assets');
    const session = await page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/session');
      return (await response.json()) as { state: string; user: { name: string; role: string } };
    });
    expect(session).toMatchObject({
      state: 'active',
      user: { name: 'Grace Hopper', role: 'engineering' },
    });
  });

  it('explains on the sign-in page why a person whose groups map to no role was refused', async () => {
    provider.accounts.set('oscar', { email: 'oscar@example.test', groups: ['contractors'] });
    const { page } = await openPage(harness);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await signInAtProvider(page, 'oscar');
    await expectPath(page, '/login');
    await expect
      .poll(() => page.getByTestId('sso-error').textContent())
      .toMatch(/in no group that has access to Plumbline/);
    // The local sign-in stays on offer beside it.
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign in', exact: true }).count())
      .toBe(1);
  });
});
