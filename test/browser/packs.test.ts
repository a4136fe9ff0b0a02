import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.js';
import { readZip } from '../api/packs.fixtures.js';
import {
  choose,
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('evidence packs in a real browser', () => {
  let harness: BrowserHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-pack-browser-'));
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(async () => {
    await harness?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets an auditor generate a pack, follow its progress and download it', async () => {
    const auditor = await harness.t.createUser('auditor');
    const { page, problems } = await openPage(harness);
    await page.goto('/reports/packs');
    await expectPath(page, '/login');
    await signIn(page, auditor.email, TEST_PASSWORD);
    await expectPath(page, '/reports/packs');
    await expect
      .poll(() => page.getByTestId('pack-fingerprint').textContent())
      .toMatch(/first pack/);

    await choose(page, 'Framework', 'ISO 9001:2015 Quality management systems - Requirements');
    await page.getByRole('button', { name: 'Generate pack' }).click();
    await page.getByTestId('pack-progress').waitFor();
    const download = page.getByTestId('pack-download');
    await download.waitFor({ timeout: 60_000 });
    expect(
      await page.getByRole('progressbar', { name: 'Pack progress' }).getAttribute('aria-valuenow'),
    ).toBe('100');
    await expect
      .poll(() => page.getByTestId('pack-fingerprint').textContent())
      .toMatch(/fingerprint [0-9a-f]{64}/);

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const saved = path.join(dir, 'pack.zip');
    await file.saveAs(saved);
    const entries = await readZip(saved);
    expect(entries.has('manifest.json')).toBe(true);
    expect(JSON.parse(entries.get('manifest.json')!.toString())).toMatchObject({
      framework: { key: 'iso9001' },
    });

    await page.getByRole('button', { name: 'Show coverage' }).click();
    await expect
      .poll(() => page.getByTestId('coverage-rows').locator('tr[data-coverage="gap"]').count())
      .toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
