import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoOrganisation } from '../../src/modules/demo/load-demo.js';
import type { BackupStatusView } from '../../src/modules/backups/backup-status.schema.js';
import type { PostureHistory } from '../../src/modules/posture/posture.schema.js';
import type { Page as ListPage } from '../../src/platform/http/paging.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('dashboard charts in a real browser', () => {
  let harness: BrowserHarness;
  // Loading the demo goes through every use case (a year of work, backups, documents): about
  // 20 s on a quiet machine, minutes on a busy one.
  beforeAll(async () => {
    harness = await startBrowserHarness();
    expect((await loadDemoOrganisation(harness.t.ctx)).loaded).toBe(true);
  }, 600_000);
  afterAll(() => harness?.close());

  it('draws the demo’s posture, work, backups and nonconformances, with the figures as tables', async () => {
    const { t } = harness;
    const quality = await t.createUser('quality');
    const token = await t.tokenFor('quality');
    const history = (await t.call(token, 'GET', '/api/v1/posture/history')).json<PostureHistory>();
    const backups = (await t.call(token, 'GET', '/api/v1/backups/status')).json<BackupStatusView>();
    const open = (
      await t.call(
        token,
        'GET',
        '/api/v1/nonconformances?status=open,investigating,in_progress&limit=1000',
      )
    ).json<ListPage<unknown>>();
    expect(history.points).toHaveLength(12);
    expect(backups.items.length).toBeGreaterThan(0);

    const { page, problems } = await openPage(harness);
    await page.goto('/');
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/');

    // Posture per framework: one line per framework, a point per month with applicable controls.
    const posture = page.getByTestId('posture-history-chart');
    // The charts wait for twelve posture evaluations; the numbers above them show first.
    await posture.locator('svg').waitFor({ timeout: 60_000 });
    const frameworks = history.points.at(-1)!.frameworks;
    expect(await posture.locator('[data-series]').count()).toBe(frameworks.length);
    for (const framework of frameworks) {
      const applicable = history.points.filter((point) => {
        const counts = point.frameworks.find((item) => item.key === framework.key)!.controlCounts;
        return Object.values(counts).reduce((a, b) => a + b, 0) > counts.not_applicable;
      }).length;
      const series = posture.locator(`[data-series="${framework.title}"]`);
      expect({
        framework: framework.key,
        points: await series.locator('[data-point]').count(),
      }).toEqual({ framework: framework.key, points: applicable });
    }
    await posture.getByText('Show as table').click();
    await expect.poll(() => posture.getByRole('row').count()).toBe(13);

    // Open and overdue work: two lines of twelve months; the table gives this month's figures.
    const work = page.getByTestId('work-history-chart');
    expect(await work.locator('[data-series]').count()).toBe(2);
    expect(await work.locator('[data-series="Overdue"] [data-point]').count()).toBe(12);
    await work.getByText('Show as table').click();
    const now = history.points.at(-1)!.occurrences;
    await expect
      .poll(() => work.getByRole('row').last().locator('td').allTextContents())
      .toEqual([expect.any(String), String(now.failing), String(now.atRisk + now.pending)]);

    // Backups: success rate and RPO per asset, the worst first.
    const backupChart = page.getByTestId('backup-chart');
    await backupChart.locator('svg').waitFor({ timeout: 60_000 });
    expect(await backupChart.locator('[data-series]').count()).toBe(2);
    await backupChart.getByText('Show as table').click();
    const shown = Math.min(12, backups.items.length);
    await expect.poll(() => backupChart.getByRole('row').count()).toBe(shown + 1);
    expect(await backupChart.getByRole('row').nth(1).locator('td').first().textContent()).toBe(
      backups.items[0]!.assetName,
    );

    // Nonconformances by age: every open one falls in one of four bands.
    const ages = page.getByTestId('nonconformance-age-chart');
    await ages
      .getByText(`${open.items.length} open, by time since raised`)
      .waitFor({ timeout: 60_000 });
    await ages.getByText('Show as table').click();
    await expect.poll(() => ages.getByRole('row').count()).toBe(5);
    const cells = await ages.locator('tbody td').allTextContents();
    const counted = cells.filter((_, index) => index % 3 !== 0).map(Number);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(open.items.length);

    expect(problems).toEqual([]);
  }, 180_000);
});
