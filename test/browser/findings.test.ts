import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFixturePath } from '../fixtures/scans/fixtures.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  choose,
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('vulnerability findings in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('lists findings with their SLA due dates, filtered by severity and overdue, and on the asset page', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'payments-api',
      name: 'Payments API',
      category: 'application',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(created.statusCode, created.body).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scans/import?format=trivy&asset=payments-api',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: fs.readFileSync(scanFixturePath('trivy/payments-api.json')),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    // The critical finding, detected on 1 December, was due 72 hours later.
    const overdueNow = Date.now() > Date.parse('2026-12-04T09:00:00.123Z');

    const { page, problems } = await openPage(harness);
    await page.goto('/findings');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/findings');
    const table = page.getByTestId('findings');
    const row = (id: string) => table.locator(`tr[data-finding="${id}"]`);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const critical = await row('CVE-2026-1001').textContent();
    expect(critical).toContain('libcrypto3 3.1.4-r2');
    expect(critical).toContain('Fixed in 3.1.4-r5');
    expect(critical).toContain('critical');
    expect(critical?.includes('overdue')).toBe(overdueNow);
    expect(await row('CVE-2026-1002').textContent()).toContain('No fix available');

    const onlyOverdue = page.getByRole('checkbox', { name: 'Only overdue' });
    await onlyOverdue.check();
    await expect.poll(() => row('CVE-2026-1002').count()).toBe(0);
    expect(await table.locator('tbody tr').count()).toBe(overdueNow ? 1 : 0);
    await onlyOverdue.uncheck();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);

    await choose(page, 'Severity', 'high');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await row('GHSA-xxxx-yyyy-zzzz').count()).toBe(1);

    await page.goto('/assets/payments-api');
    await expect.poll(() => page.getByTestId('findings').locator('tbody tr').count()).toBe(3);
    expect(problems).toEqual([]);
  });
});
