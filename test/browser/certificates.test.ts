import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCertificateRenewals } from '../../src/modules/certificates/certificate-expiry.js';
import { demoCertificatePem } from '../../src/modules/demo/demo-certificate.js';
import { urgencyOf } from '../../web/src/pages/certificates/certificates-api.js';
import { certFixture } from '../fixtures/certs/fixtures.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  choose,
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

const DAY = 86_400_000;

describe('the certificate inventory in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('shows the expiry timeline soonest first, coloured by urgency, filters and sorts it, and draws a certificate’s validity with its renewal window', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const viewer = await t.createUser('viewer');
    for (const name of ['valid.pem', 'expired.pem', 'expiring-chain.pem']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/certificates/import',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-pem-file' },
        payload: certFixture(name),
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    // This harness runs on the real clock: the urgency expected is computed from the same dates.
    const daysLeft = (notAfter: string) => Math.floor((Date.parse(notAfter) - Date.now()) / DAY);
    const expected = [
      '2026-06-30T00:00:00Z', // old.example.test
      '2026-12-26T00:00:00Z', // api.example.test
      '2027-12-31T00:00:00Z', // www.example.test
      '2036-12-31T00:00:00Z', // the intermediate CA
    ].map((notAfter) => urgencyOf(daysLeft(notAfter)));

    const { page, problems } = await openPage(harness);
    await page.goto('/certificates');
    await expectPath(page, '/login');
    await signIn(page, viewer.email, TEST_PASSWORD);
    await expectPath(page, '/certificates');
    const timeline = page.getByTestId('certificate-timeline');
    await expect.poll(() => timeline.locator('[data-urgency]').count()).toBe(4);
    const names = await timeline.locator('[data-urgency]').allTextContents();
    expect(names.map((text) => text.split(/expired|\d+ days? left/)[0])).toEqual([
      'old.example.test',
      'api.example.test',
      'www.example.test',
      'Plumbline Fixture Intermediate CA',
    ]);
    const urgencies = await timeline
      .locator('[data-urgency]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-urgency')));
    expect(urgencies).toEqual(expected);
    const rows = page.getByTestId('certificates').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(0).textContent()).toContain('Expired');

    await page.getByRole('checkbox', { name: 'CA certificates' }).uncheck();
    await expect.poll(() => rows.count()).toBe(3);
    await choose(page, 'Expiring', 'Within 30 days');
    await expect
      .poll(() => rows.count())
      .toBe(
        expected.slice(0, 3).filter((urgency) => urgency === 'expired' || urgency === 'critical')
          .length,
      );
    expect(await rows.nth(0).textContent()).toContain('DNS:old.example.test');

    // The demo's load balancer certificate, expiring in 20 days: its renewal is open.
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'lb-prod-eu',
      name: 'Load balancer',
      category: 'network',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
    });
    expect(created.statusCode, created.body).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/import?asset=lb-prod-eu',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-pem-file' },
      payload: demoCertificatePem({
        subject: 'api.kestrel-rhythm.example',
        issuer: 'Kestrel Demo Issuing CA R1',
        dnsNames: ['api.kestrel-rhythm.example', 'portal.kestrel-rhythm.example'],
        serial: 4242,
        notBefore: new Date(Date.now() - 70 * DAY),
        notAfter: new Date(Date.now() + 20 * DAY + 3_600_000),
      }),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(await openCertificateRenewals(t.ctx)).toBe(1);

    // Reloaded (the filters back to their defaults), the list holds the demo's certificate too.
    await page.reload();
    const kestrel = page.getByRole('link', { name: 'CN=api.kestrel-rhythm.example' });
    await expect.poll(() => kestrel.count()).toBe(1);
    const order = () =>
      rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-certificate')));
    const soonestFirst = await order();
    expect(soonestFirst.length).toBeGreaterThan(1);
    // "Expires in" sorts: latest expiry first, then back.
    const expiresIn = page.getByRole('button', { name: /Expires in/ });
    await expiresIn.click();
    await expect.poll(order).toEqual([...soonestFirst].reverse());
    await expiresIn.click();
    await expect.poll(order).toEqual(soonestFirst);

    await kestrel.click();
    await expectPath(
      page,
      `/certificates/${imported.json<{ certificates: { id: string }[] }>().certificates[0]!.id}`,
    );
    const validity = page.getByTestId('validity-timeline');
    await expect.poll(() => validity.getAttribute('data-renewal-status')).toBe('due');
    expect(await validity.getAttribute('data-expired')).toBe('false');
    for (const part of ['validity', 'renewal-window', 'today']) {
      expect(await validity.locator(`[data-part="${part}"]`).count()).toBe(1);
    }
    // Today sits inside the renewal window, 20 days before the expiry.
    const box = async (part: string) =>
      (await validity.locator(`[data-part="${part}"]`).boundingBox())!;
    const window = await box('renewal-window');
    const today = await box('today');
    expect(today.x).toBeGreaterThan(window.x);
    expect(today.x).toBeLessThan(window.x + window.width);
    expect(await page.getByTestId('certificate-urgency').textContent()).toContain('20 days left');
    const renewal = page.getByTestId('certificate-renewals').locator('tbody tr');
    expect(await renewal.count()).toBe(1);
    expect(await renewal.first().textContent()).toContain('lb-prod-eu');
    expect(await renewal.first().getAttribute('data-status')).toBe('due');
    expect(problems).toEqual([]);
  });
});
