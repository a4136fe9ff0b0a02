import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareFirstRun } from '../../src/modules/identity/first-run.js';
import {
  enrolInTwoFactor,
  expectPath,
  field,
  openPage,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('first run in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('creates the first administrator from the setup link and continues straight into two-factor enrolment', async () => {
    const { t } = harness;
    const outcome = await prepareFirstRun(t.ctx);
    if (outcome.kind !== 'setup-link')
      throw new Error(`Expected a setup link, got ${outcome.kind}`);
    const token = new URL(outcome.url).searchParams.get('token');
    expect(token).toBeTruthy();
    const { page, problems } = await openPage(harness);

    await page.goto(`/setup?token=${encodeURIComponent(token!)}`);
    await field(page, 'Your name').fill('Olivia Owner');
    await field(page, 'E-mail').fill('owner@example.test');
    await field(page, 'Password').fill('a long first admin password');
    await field(page, 'Repeat password').fill('a long first admin password');
    await page.getByRole('button', { name: 'Create administrator' }).click();

    // No second sign-in: the next step is enrolment, on the sign-in page's enrolment step.
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    await expectPath(page, '/login');
    await enrolInTwoFactor(page);
    await expectPath(page, '/');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe('Olivia Owner');
    const users = await t.call(await t.tokenFor('admin'), 'GET', '/api/v1/users');
    const owner = users
      .json<{ items: { email: string; role: string; mfaEnabled: boolean }[] }>()
      .items.find((user) => user.email === 'owner@example.test');
    expect(owner).toMatchObject({ role: 'admin', mfaEnabled: true });
    expect(problems).toEqual([]);
  });
});
