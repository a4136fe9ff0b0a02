import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisioningRequestView } from '../../src/modules/provisioning/provisioning.schema.js';
import type { AssetView } from '../../src/modules/register/asset.schema.js';
import type { Page as ApiPage } from '../../src/platform/http/paging.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import { signedInPerson } from '../support/factory.js';
import {
  choose,
  expectPath,
  field,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('the lifecycle records on the asset page in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  async function newAsset(admin: string, key: string, lifecycleStatus: string): Promise<void> {
    const created = await harness.t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: `Asset ${key}`,
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
      lifecycleStatus,
    });
    expect(created.statusCode, created.body).toBe(201);
  }

  it('requests provisioning, verifies its criterion by signature, then records and signs a decommissioning', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const colleague = await signedInPerson(t, 'quality');
    await newAsset(admin, 'cache-eu', 'requested');
    await newAsset(admin, 'old-queue', 'in-service');
    const lifecycleOf = async (key: string) =>
      (await t.call(admin, 'GET', `/api/v1/assets/${key}`)).json<AssetView>().lifecycleStatus;

    const { page, problems } = await openPage(harness);
    await page.goto('/assets/cache-eu');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/assets/cache-eu');
    const lifecycle = page.getByTestId('asset-lifecycle');
    await expect.poll(() => lifecycle.textContent()).toContain('No provisioning request');

    await page.getByRole('button', { name: 'Request provisioning' }).click();
    const form = page.getByRole('form', { name: 'Request provisioning' });
    await field(form, 'Purpose').fill('Session cache for the EU shop <b>now</b>');
    await field(form, 'Requirements').fill('Redis 7, 2 GB');
    await field(form, 'Security considerations').fill('TLS only; no public endpoint');
    await field(form, 'Acceptance criteria').fill('Rejects plain-text connections');
    await form.getByRole('button', { name: 'Request' }).click();
    // The field is marked once the server's 400 is back: wait for it, do not read at once.
    await expect
      .poll(() => field(form, 'Configuration reference').getAttribute('aria-invalid'))
      .toBe('true');
    await field(form, 'Configuration reference').fill('infra/cache#aws_elasticache_cluster.eu');
    await form.getByRole('button', { name: 'Request' }).click();
    const request = lifecycle.getByTestId('provisioning-request');
    await expect
      .poll(() => request.getByTestId('provisioning-status').textContent())
      .toBe('requested');
    // Text from people is shown as text.
    expect(await request.textContent()).toContain('<b>now</b>');
    // The requester may not approve their own request.
    expect(await request.textContent()).toContain('cannot be approved by its requester');

    const listed = await t.call(admin, 'GET', '/api/v1/provisioning-requests?asset=cache-eu');
    const [created] = listed.json<ApiPage<ProvisioningRequestView>>().items;
    const approved = await colleague.call(
      'POST',
      `/api/v1/provisioning-requests/${created!.id}/approval`,
      { password: TEST_PASSWORD },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    const started = await colleague.call(
      'POST',
      `/api/v1/provisioning-requests/${created!.id}/start`,
    );
    expect(started.statusCode, started.body).toBe(200);

    await page.reload();
    await expect
      .poll(() => request.getByTestId('provisioning-status').textContent())
      .toBe('provisioning');
    await request.getByRole('button', { name: 'Verify' }).click();
    const verification = page.getByRole('dialog', {
      name: `Verify criterion 1 of ${created!.number}`,
    });
    await verification.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await field(verification, 'What was checked and seen').fill(
      'redis-cli without --tls is refused',
    );
    await verification.getByRole('button', { name: 'Sign and verify' }).click();
    await expect
      .poll(() => request.getByTestId('provisioning-status').textContent())
      .toBe('verified');
    expect(await request.textContent()).toContain('redis-cli without --tls is refused');
    expect(await lifecycleOf('cache-eu')).toBe('verified');

    await page.goto('/assets/old-queue');
    await page.getByRole('button', { name: 'Record decommissioning' }).click();
    const record = page.getByRole('form', { name: 'Record decommissioning' });
    await field(record, 'Retention decision').fill('Queue holds no records past 7 days');
    await choose(page, 'Data', 'Nothing retained');
    await choose(page, 'Sanitisation method', 'Purge');
    await field(record, 'Sanitisation certificate or reference').fill('CERT-2026-7');
    await record.getByRole('button', { name: 'Record' }).click();
    const draft = page.getByTestId('decommissioning-record');
    await expect
      .poll(() => draft.getByTestId('decommissioning-status').textContent())
      .toBe('draft');
    expect(await lifecycleOf('old-queue')).toBe('decommissioning');
    for (const label of [
      'Access removed',
      'DNS entries removed',
      'Certificates revoked or removed',
      'Monitoring removed',
    ]) {
      // A controlled checkbox: it shows the server's answer, so it turns on after the PATCH.
      await draft.getByLabel(label).click();
      await expect.poll(() => draft.getByLabel(label).isChecked()).toBe(true);
    }
    await expect.poll(() => draft.getByTestId('decommissioning-missing').count()).toBe(0);
    await draft.getByRole('button', { name: 'Sign' }).click();
    const signing = page.getByRole('dialog', { name: /^Sign DCM-/ });
    await signing.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await signing.getByRole('button', { name: 'Sign the record' }).click();
    await expect
      .poll(() => draft.getByTestId('decommissioning-status').textContent())
      .toBe('signed');
    expect(await draft.textContent()).toContain(`Signed by ${engineer.name}`);
    // The one failed load is the deliberately incomplete request (400), nothing else.
    expect(problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});
