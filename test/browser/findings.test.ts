import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFixturePath } from '../fixtures/scans/fixtures.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  choose,
  enrolInTwoFactor,
  expectPath,
  field,
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
    // The filtered list replaces the whole table, so wait for its final row count, not only
    // for the unfiltered row to go (the table is briefly empty while the filtered page loads).
    await expect.poll(() => table.locator('tbody tr').count()).toBe(overdueNow ? 1 : 0);
    expect(await row('CVE-2026-1002').count()).toBe(0);
    expect(await row('CVE-2026-1001').count()).toBe(overdueNow ? 1 : 0);
    await onlyOverdue.uncheck();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);

    await choose(page, 'Severity', 'high');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await row('GHSA-xxxx-yyyy-zzzz').count()).toBe(1);

    await page.goto('/assets/payments-api');
    await expect.poll(() => page.getByTestId('findings').locator('tbody tr').count()).toBe(3);
    expect(problems).toEqual([]);
  });

  it('requests a risk acceptance, approves it by e-signature as Security, and shows its expiry on the asset page', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const security = await t.createUser('security');
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'billing-api',
      name: 'Billing API',
      category: 'application',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(created.statusCode, created.body).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scans/import?format=trivy&asset=billing-api',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: fs.readFileSync(scanFixturePath('trivy/payments-api.json')),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

    // The engineer finds the medium finding on the asset page's findings panel and asks to accept it.
    const asEngineer = await openPage(harness);
    const page = asEngineer.page;
    await page.goto('/assets/billing-api');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/assets/billing-api');
    const tab = page.getByTestId('findings');
    await expect.poll(() => tab.locator('tbody tr').count()).toBe(3);
    await tab.locator('tr[data-finding="CVE-2026-1002"]').getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/findings/'));
    const findingPath = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Request risk acceptance' }).click();
    const form = page.getByRole('dialog', { name: 'Request a risk acceptance' });
    await field(form, 'Reason').fill(
      'Only reachable from the build network; fixed in the Q1 rebuild.',
    );
    await form.getByLabel(/^Expires on/).fill(expiresOn);
    await form.getByRole('button', { name: 'Request' }).click();
    const exceptions = page.getByTestId('finding-exceptions');
    await expect.poll(() => exceptions.locator('tbody tr').count()).toBe(1);
    const requested = await exceptions.locator('tbody tr').textContent();
    expect(requested).toContain('Awaiting approval');
    expect(requested).toContain('Only reachable from the build network');
    expect(requested).toContain('cannot be approved by the person who requested it');
    expect(await exceptions.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByTestId('finding-status').textContent()).toBe('Open');

    // A member of Security signs the approval; the finding is accepted until the expiry day.
    const asSecurity = await openPage(harness);
    const approver = asSecurity.page;
    await approver.goto(findingPath);
    await expectPath(approver, '/login');
    await signIn(approver, security.email, TEST_PASSWORD);
    await enrolInTwoFactor(approver);
    await approver.goto(findingPath);
    const approverExceptions = approver.getByTestId('finding-exceptions');
    await approverExceptions.getByRole('button', { name: 'Approve' }).click();
    const signing = approver.getByRole('dialog', {
      name: 'Approve the risk acceptance of CVE-2026-1002',
    });
    await expect
      .poll(() => signing.getByTestId('signature-meaning').textContent())
      .toContain('you accept the risk of CVE-2026-1002');
    await signing.getByText('Use password', { exact: true }).click();
    await signing.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await signing.getByRole('button', { name: 'Sign and approve' }).click();
    await expect
      .poll(() => approver.getByTestId('finding-status').textContent())
      .toBe('Accepted risk');
    const approved = await approverExceptions.locator('tbody tr').textContent();
    expect(approved).toContain('Approved');
    expect(approved).toContain(`Signed by ${security.name}`);

    // Back on the asset: the accepted finding leaves the open view and shows its expiry.
    await page.goto('/assets/billing-api');
    await expect.poll(() => tab.locator('tbody tr').count()).toBe(2);
    await page.getByText('Accepted risk', { exact: true }).click();
    await expect.poll(() => tab.locator('tbody tr').count()).toBe(1);
    const accepted = await tab.locator('tr[data-finding="CVE-2026-1002"]').textContent();
    expect(accepted).toContain('Accepted risk');
    expect(accepted).toContain('until');
    expect(asEngineer.problems).toEqual([]);
    expect(asSecurity.problems).toEqual([]);
  });
});
