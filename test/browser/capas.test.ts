import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  field,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

/** Signing re-checks a password (argon2id): slow on a loaded machine. */
const WAIT = { timeout: 15_000 };

describe('nonconformances and CAPAs in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('raises an NC, opens its CAPA, records root cause and action, and another person signs the check', async () => {
    const { t } = harness;
    const lead = await t.createUser('quality');
    const checker = await t.createUser('quality');

    const { page, problems } = await openPage(harness);
    await page.goto('/nonconformances');
    await expectPath(page, '/login');
    await signIn(page, lead.email, TEST_PASSWORD);
    await expectPath(page, '/nonconformances');
    await page.getByRole('link', { name: 'Raise a nonconformance' }).click();
    await expectPath(page, '/nonconformances/new');
    await field(page, 'Title').fill('Firewall change released without review');
    await field(page, 'What did not conform').fill('A rule reached production unreviewed.');
    await field(page, 'Requirement not met (clause, procedure, specification)').fill(
      'SOP-018 5.4: every production change is reviewed',
    );
    await field(page, 'Containment (what was done to contain it)').fill('Reviewed afterwards.');
    await field(page, 'Disposition (what is done with what did not conform)').fill(
      'Accepted as is after the review.',
    );
    await field(page, 'Impact assessment (what it could have affected, how far)').fill(
      'No product affected: an internal port only.',
    );
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Due date').fill(due);
    await page.getByRole('button', { name: 'Raise nonconformance' }).click();
    await expectPath(page, '/nonconformances');
    const row = page.getByTestId('nonconformances').locator('tr[data-nonconformance="NC-0001"]');
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.textContent()).toContain('Firewall change released without review');

    await row.getByRole('link', { name: 'Open a CAPA' }).click();
    await expectPath(page, '/capas/new');
    await expect
      .poll(async () => (await page.locator('form').textContent()) ?? '', WAIT)
      .toContain('NC-0001');
    await field(page, 'Title').fill('Enforce the second review in the pipeline');
    await field(page, 'How effectiveness will be judged').fill(
      'No unreviewed change in 30 changes',
    );
    await page.getByRole('button', { name: 'Open CAPA' }).click();
    await page.waitForURL((url) => /^\/capas\/[0-9a-f-]{36}$/.test(url.pathname));
    const capaPath = new URL(page.url()).pathname;
    const status = page.getByTestId('capa-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', WAIT)
      .toBe('Root cause analysis');

    await field(page, 'Root cause analysis').fill(
      'Why? The merge needed no approval. Why? Branch protection was off.',
    );
    await page.getByRole('button', { name: 'Record root cause' }).click();
    await expect
      .poll(async () => (await status.textContent()) ?? '', WAIT)
      .toBe('Actions in progress');
    expect(await page.getByTestId('capa-root-cause').textContent()).toContain(
      'Branch protection was off',
    );

    const action = 'Turn on branch protection';
    await field(page, 'Action').fill(action);
    await page.getByRole('button', { name: 'Add action' }).click();
    const actions = page.getByTestId('capa-actions');
    await expect.poll(async () => (await actions.textContent()) ?? '', WAIT).toContain(action);
    await field(page, `What was done: ${action}`).fill('Protection on; merges need approval.');
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await expect
      .poll(async () => (await status.textContent()) ?? '', WAIT)
      .toBe('Awaiting effectiveness check');
    // The lead owns the action: the check is someone else's to sign.
    expect(await page.textContent('body')).toContain('other than the action owners');
    expect(await page.getByRole('button', { name: 'Sign the effectiveness check' }).count()).toBe(
      0,
    );

    const second = await openPage(harness);
    await second.page.goto(capaPath);
    await expectPath(second.page, '/login');
    await signIn(second.page, checker.email, TEST_PASSWORD);
    await expectPath(second.page, capaPath);
    await field(second.page, 'What was checked and found').fill(
      'Thirty changes since, all reviewed; a direct push is refused.',
    );
    await second.page.getByLabel('Your password (signature)').fill(TEST_PASSWORD);
    await second.page.getByRole('button', { name: 'Sign the effectiveness check' }).click();
    const checkerStatus = second.page.getByTestId('capa-status');
    await expect
      .poll(async () => {
        const shown = (await checkerStatus.textContent()) ?? '';
        // A refusal shows as a notification: name it if the check is not recorded.
        const refused = await second.page
          .locator('.mantine-Notification-description')
          .allTextContents();
        return refused.length > 0 ? refused.join(' | ') : shown;
      }, WAIT)
      .toBe('Effective');
    expect(await second.page.getByTestId('capa-check').textContent()).toContain(checker.email);
    await second.page.getByRole('button', { name: 'Close CAPA' }).click();
    await expect.poll(async () => (await checkerStatus.textContent()) ?? '', WAIT).toBe('Closed');

    await page.goto('/capas');
    const listed = page.getByTestId('capas').locator('tr[data-capa="CAPA-0001"]');
    await expect.poll(() => listed.count(), WAIT).toBe(1);
    expect(await listed.textContent()).toContain('NC-0001');
    expect(await listed.textContent()).toContain('Closed');
    expect(problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });
});
