import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportAlertsResult } from '../../src/modules/alerts/alert.schema.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { alertFixture } from '../fixtures/alerts/fixtures.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('the incident page in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('shows an incident opened by an alert with its timeline, and takes the signed decision', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const writer = (
      await createApiToken(t.ctx, systemActor, { name: 'alertmanager', role: 'alert-writer' })
    ).token;
    const quality = await t.createUser('quality');
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
    // A summary written by whoever configured the alert: shown as text, never run.
    const body = JSON.parse(alertFixture('alertmanager/firing-grouped.json')) as {
      alerts: { annotations: Record<string, string> }[];
    };
    body.alerts[0]!.annotations.summary = 'PostgreSQL down <img src=x onerror="window.pwned=1">';
    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/import?format=alertmanager',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const [incidentId] = posted.json<ImportAlertsResult>().incidentsOpened;
    expect(incidentId).toBeDefined();

    const { page, problems } = await openPage(harness);
    await page.goto('/incidents');
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/incidents');
    const row = page.getByTestId('incidents').locator('tr[data-incident="INC-0001"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Due ');
    expect(await row.textContent()).toContain('<img src=x');
    await row.getByRole('link').click();
    await expectPath(page, `/incidents/${incidentId}`);
    const timeline = page.getByTestId('incident-timeline');
    await timeline.waitFor();
    expect(await timeline.textContent()).toContain('Opened by rule critical-on-production');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await page.getByLabel('Rationale').fill('Orders were queued and replayed; none was lost.');
    await page.getByLabel('Your password (signature)').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign the decision' }).click();
    const decision = page.getByTestId('incident-decision');
    await expect.poll(async () => (await decision.textContent()) ?? '').toContain('No impact');
    expect(await decision.textContent()).toContain('Orders were queued and replayed');
    expect(await timeline.textContent()).toContain('No impact on conformity');
    expect(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
