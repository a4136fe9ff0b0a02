import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBackups } from '../../src/modules/backups/evaluate-backups.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

const HOUR = 3_600_000;

describe('the backups overview in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('shows a failed and a missed asset as such, and the failed run’s incident with its alerts', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const now = Date.now();
    let runNumber = 0;
    const run = async (asset: string, status: 'succeeded' | 'failed', hoursAgo: number) => {
      runNumber += 1;
      const startedAt = new Date(now - hoursAgo * HOUR);
      const response = await t.call(admin, 'POST', '/api/v1/backup-runs', {
        asset,
        tool: 'restic',
        job: 'nightly',
        externalId: `browser-${runNumber}`,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date(startedAt.getTime() + 5 * 60_000).toISOString(),
        status,
        backupType: 'full',
        encrypted: true,
        region: 'eu-central-1',
        ...(status === 'failed' ? { message: 'connection to repository lost' } : {}),
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    for (const key of ['db-healthy', 'db-broken', 'db-silent']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `Database ${key}`,
        category: 'database',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'confidential',
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    await run('db-healthy', 'succeeded', 2);
    await run('db-broken', 'succeeded', 3);
    await run('db-broken', 'failed', 1);
    // Its last success is older than a day plus the two-hour grace.
    await run('db-silent', 'succeeded', 30);
    await evaluateBackups(t.ctx);

    const { page, problems } = await openPage(harness);
    await page.goto('/backups');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/backups');
    const table = page.getByTestId('backup-status');
    const row = (asset: string) => table.locator(`tr[data-asset="${asset}"]`);
    await expect.poll(() => row('db-broken').count()).toBe(1);
    expect(await row('db-broken').textContent()).toContain('Backup failed');
    expect(await row('db-broken').textContent()).toContain('Failed run since');
    expect(await row('db-silent').textContent()).toContain('Window missed');
    expect(await row('db-healthy').textContent()).toContain('OK');
    expect(await row('db-healthy').textContent()).toContain('None');

    await row('db-broken').getByRole('link', { name: 'db-broken' }).click();
    await expectPath(page, '/backups/assets/db-broken');
    const incidents = page.getByTestId('backup-incidents');
    await incidents.waitFor();
    const text = (await incidents.textContent()) ?? '';
    expect(text).toContain('Failed run: open');
    expect(text).toContain('connection to repository lost');
    // The owner role's alert is queued (no mail server in this harness: it waits, pending).
    expect(text).toContain(engineer.email);
    expect(text).toContain('pending');
    expect(await page.getByTestId('backup-runs').locator('tbody tr').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('shows the same achieved RPO as the API, and an asset never backed up as no evidence', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const now = Date.now();
    for (const key of ['rpo-stale', 'rpo-never']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `Database ${key}`,
        category: 'database',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'confidential',
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    // The replica's last success was three days ago (recorded now, as a backfill).
    const startedAt = new Date(now - 72 * HOUR);
    const posted = await t.call(admin, 'POST', '/api/v1/backup-runs', {
      asset: 'rpo-stale',
      tool: 'pgbackrest',
      externalId: 'rpo-stale-1',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 5 * 60_000).toISOString(),
      status: 'succeeded',
      backupType: 'full',
      encrypted: true,
      region: 'eu-central-1',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const api = (await t.call(admin, 'GET', '/api/v1/backups/status')).json<{
      items: { assetKey: string; rpoLast30Days: { achieved: string; target: string } }[];
    }>();
    const words = (key: string) => {
      const rpo = api.items.find((item) => item.assetKey === key)!.rpoLast30Days;
      return `${rpo.achieved} of ${rpo.target}`;
    };
    expect(words('rpo-stale')).toMatch(/^3 d( \d+ h)? of 1 d$/);
    expect(words('rpo-never')).toBe('no evidence of 1 d');

    const { page, problems } = await openPage(harness);
    await page.goto('/backups');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/backups');
    const table = page.getByTestId('backup-status');
    const row = (asset: string) => table.locator(`tr[data-asset="${asset}"]`);
    await expect.poll(() => row('rpo-never').count()).toBe(1);
    expect(await row('rpo-stale').textContent()).toContain(words('rpo-stale'));
    expect(await row('rpo-never').textContent()).toContain(words('rpo-never'));
    expect(await row('rpo-never').textContent()).toContain('No evidence');
    expect(await row('rpo-never').textContent()).not.toContain('OK');

    await row('rpo-stale').getByRole('link', { name: 'rpo-stale' }).click();
    await expectPath(page, '/backups/assets/rpo-stale');
    await expect
      .poll(async () => (await page.textContent('body')) ?? '')
      .toContain(words('rpo-stale'));
    expect(problems).toEqual([]);
  });
});
