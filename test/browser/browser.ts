import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCodeAt } from '../../src/platform/auth/totp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The system Chromium; browsers are never downloaded on these machines. */
export const CHROMIUM_PATH = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface BrowserHarness {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server with the built web UI on a free port (or the one given, when its URL must be
 * known beforehand), and a headless Chromium to drive it.
 */
export async function startBrowserHarness(
  options: { env?: Record<string, string>; port?: number } = {},
): Promise<BrowserHarness> {
  if (!fs.existsSync(`${WEB_ROOT}/index.html`)) {
    throw new Error(`No built web UI in ${WEB_ROOT}: run "npm run build:web" first`);
  }
  const t = await createTestApp({
    webRoot: WEB_ROOT,
    ...(options.env ? { env: options.env } : {}),
  });
  try {
    await t.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    return {
      t,
      browser,
      baseUrl: `http://127.0.0.1:${port}`,
      async close() {
        await browser.close();
        await t.close();
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/**
 * A fresh page (own cookies) that records uncaught errors and console errors, including CSP
 * violations, so a test can assert the app ran cleanly.
 */
export async function openPage(
  harness: BrowserHarness,
): Promise<{ page: Page; problems: string[] }> {
  const context = await harness.browser.newContext({ baseURL: harness.baseUrl });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/**
 * A text field by its label. By role rather than by label text: a required field's label ends in
 * an asterisk that is hidden from assistive technology, so the accessible name is the bare label.
 */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: label, exact: true });
}

/** Picks an option of a Mantine Select by the field's label. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits until the address bar shows the path (client-side navigation included). */
export async function expectPath(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === path);
  expect(new URL(page.url()).pathname).toBe(path);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await field(page, 'E-mail').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** At a first sign-in that requires two-factor authentication: enrols with the shown secret. */
export async function enrolInTwoFactor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Begin setup' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  await field(page, 'Authentication code').fill(totpCodeAt(secret, new Date()));
  await page.getByRole('button', { name: 'Confirm and enable' }).click();
  await page.getByRole('checkbox', { name: 'I have saved these recovery codes' }).check();
  await page.getByRole('button', { name: 'Continue to Plumbline' }).click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * An asset import of `count` production servers (rack-001 …), as a register CSV: more than the
 * 100 rows a table loads at first when `count` is above 100.
 */
export function serversCsv(count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `rack-${String(i + 1).padStart(3, '0')},Rack server ${i + 1},server,production,engineering,low,internal`,
  );
  return ['key,name,category,environment,owner_role,criticality,data_classification', ...rows].join(
    '\n',
  );
}
