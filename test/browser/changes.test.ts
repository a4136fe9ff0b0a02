import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeDetail } from '../../src/modules/changes/change.schema.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  field,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('the change page in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('approves, implements and verifies a change with e-signatures', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-prod-eu',
      name: 'Orders database',
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(asset.statusCode, asset.body).toBe(201);
    const created = await t.call(admin, 'POST', '/api/v1/changes', {
      // Text from people is shown as text, never run.
      title: 'Raise connection limit <img src=x onerror="window.pwned=1">',
      description: 'max_connections from 200 to 400.',
      type: 'normal',
      risk: 'medium',
      conformityImpact: 'None: order data is not touched.',
      testSummary: 'Load test on staging.',
      rollbackPlan: 'Set it back to 200 and restart.',
      assets: ['db-prod-eu'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const change = created.json<ChangeDetail>();

    const { page, problems } = await openPage(harness);
    await page.goto('/changes');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/changes');
    const row = page.getByTestId('changes').locator(`tr[data-change="${change.number}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('<img src=x');
    await row.getByRole('link').click();
    await expectPath(page, `/changes/${change.id}`);
    const status = page.getByTestId('change-status');
    await expect.poll(() => status.textContent()).toBe('requested');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Approve' }).click();
    const approval = page.getByRole('dialog', { name: `Approve ${change.number}` });
    await expect
      .poll(() => approval.getByTestId('signature-meaning').textContent())
      .toContain('you approve this change for implementation');
    await approval.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await approval.getByRole('button', { name: 'Sign and approve' }).click();
    await expect.poll(() => status.textContent()).toBe('approved');
    expect(await page.getByTestId('change-approval').textContent()).toContain(
      `Signed by ${engineer.name}`,
    );

    await page.getByRole('button', { name: 'Record as implemented now' }).click();
    await expect.poll(() => status.textContent()).toBe('implemented');
    expect(await page.getByTestId('change-approval').textContent()).toContain('yes');

    await page.getByText('Rolled back', { exact: true }).click();
    await page.getByRole('button', { name: 'Verify' }).click();
    const verification = page.getByRole('dialog', { name: `Verify ${change.number}` });
    await verification.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await field(verification, 'What was checked').fill('Latency rose; limit set back to 200.');
    await verification.getByRole('button', { name: 'Sign and verify' }).click();
    await expect.poll(() => status.textContent()).toBe('verified');
    expect(await page.getByTestId('change-verification').textContent()).toContain(
      'Rolled back: Latency rose; limit set back to 200.',
    );
    expect(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
