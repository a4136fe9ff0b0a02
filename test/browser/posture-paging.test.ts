import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  serversCsv,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('the posture page in a real browser', () => {
  let harness: BrowserHarness;
  let qualityEmail: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assets/import',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      payload: serversCsv(105),
    });
    expect(imported.statusCode).toBe(200);
    // A per-asset control of servers, with its occurrences of the last weeks: a row per server.
    const now = new Date();
    await generateOccurrences(
      t.ctx,
      { from: new Date(now.getTime() - 40 * 86_400_000), until: now },
      { controls: ['os-patching-monthly'] },
    );
    const perAsset = await t.call(admin, 'GET', '/api/v1/posture/assets');
    expect(perAsset.json<{ items: unknown[] }>().items).toHaveLength(105);
    qualityEmail = (await t.createUser('quality')).email;
  });
  afterAll(() => harness?.close());

  it('pages the per-asset list with Load more, asking the server a page at a time, with the framework in the URL', async () => {
    const { page, problems } = await openPage(harness);
    const perAssetRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/posture/assets') perAssetRequests.push(url);
    });
    await page.goto('/posture');
    await expectPath(page, '/login');
    await signIn(page, qualityEmail, TEST_PASSWORD);
    await expectPath(page, '/posture');

    const count = page.getByTestId('asset-posture-count');
    const rows = page.getByTestId('asset-posture').locator('tbody tr');
    await expect.poll(() => count.textContent()).toBe('100 assets shown, more follow');
    expect(await rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => count.textContent()).toBe('105 assets');
    expect(await rows.count()).toBe(105);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Two pages of 100: the first without a cursor, the second after it; never the whole list.
    expect(perAssetRequests.map((url) => url.searchParams.get('limit'))).toEqual(['100', '100']);
    expect(perAssetRequests.map((url) => url.searchParams.has('cursor'))).toEqual([false, true]);

    // The framework opened is in the URL: a reload shows it again, and the list's first page.
    await page.getByTestId('posture-frameworks').getByRole('button').first().click();
    await page.waitForURL((url) => url.searchParams.has('framework'));
    await page.reload();
    await page.getByRole('heading', { name: /: requirements$/ }).waitFor();
    await expect.poll(() => count.textContent()).toBe('100 assets shown, more follow');
    expect(problems).toEqual([]);
  });
});
