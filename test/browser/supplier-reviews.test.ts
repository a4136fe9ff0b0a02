import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewDetail } from '../../src/modules/supplier-reviews/supplier-review.schema.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('the supplier review page in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('checks the CUECs one by one and signs the decision', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const quality = await t.createUser('quality');
    const supplier = await t.call(admin, 'POST', '/api/v1/suppliers', {
      key: 'nimbus-cloud',
      name: 'Nimbus Cloud',
      certifications: [{ name: 'SOC 2 Type II', expiresOn: '2020-01-31' }],
    });
    expect(supplier.statusCode, supplier.body).toBe(201);
    const created = await t.call(admin, 'POST', '/api/v1/suppliers/nimbus-cloud/reviews', {
      reportKind: 'soc2-type-2',
      reportTitle: 'Nimbus SOC 2 Type II <b>2025</b>',
      opinion: 'qualified',
      exceptions: 'One change without approval.',
      cuecs: ['Customers review administrative access quarterly'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const review = created.json<ReviewDetail>();
    const boundary = '----supplierreview';
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/supplier-reviews/${review.id}/evidence`,
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="soc2.pdf"\r\n` +
          `Content-Type: application/pdf\r\n\r\n%PDF report\r\n--${boundary}--\r\n`,
      ),
    });
    expect(upload.statusCode, upload.body).toBe(201);

    const { page, problems } = await openPage(harness);
    await page.goto(`/supplier-reviews/${review.id}`);
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, `/supplier-reviews/${review.id}`);
    const checklist = page.getByTestId('cuec-checklist');
    await checklist.waitFor();
    expect(await checklist.textContent()).toContain('Customers review administrative access');
    // Text from the report is shown as text, never as markup.
    expect(await page.locator('h1, h2').first().textContent()).toContain('<b>2025</b>');
    await page
      .getByTestId('cuec-1')
      .locator('label')
      .filter({ hasText: /^In place$/ })
      .click();
    await expect
      .poll(async () => (await page.getByTestId('cuec-1').textContent()) ?? '')
      .toContain('Checked by');

    await page.getByLabel('Next review due (YYYY-MM-DD)').fill('2027-03-01');
    await page.getByRole('button', { name: 'Sign the decision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign the supplier review' });
    await expect
      .poll(() => dialog.getByTestId('signature-meaning').textContent())
      .toContain('checked each control it leaves to us');
    await dialog.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    const decision = page.getByTestId('review-decision');
    await expect.poll(async () => (await decision.textContent()) ?? '').toContain('Signed by');
    expect(await decision.textContent()).toContain('Approved');

    await page.goto('/suppliers/nimbus-cloud');
    const certificates = page.getByTestId('supplier-certificates');
    await certificates.waitFor();
    expect(await certificates.textContent()).toContain('Expired');
    const timeline = page.getByTestId('supplier-timeline');
    await timeline.waitFor();
    expect(await timeline.textContent()).toContain('approved');
    expect(problems).toEqual([]);
  });
});
