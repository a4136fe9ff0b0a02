import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('process walkthrough in a real browser', () => {
  let harness: BrowserHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-walkthrough-browser-'));
  beforeAll(async () => {
    harness = await startBrowserHarness();
    const admin = await harness.t.tokenFor('admin');
    const created = [
      await harness.t.call(admin, 'POST', '/api/v1/processes', {
        key: 'dispatch',
        name: 'Dispatch',
        ownerRole: 'quality',
        affectsConformity: true,
      }),
      await harness.t.call(admin, 'POST', '/api/v1/assets', {
        key: 'label-printer',
        name: 'Label printer',
        category: 'equipment',
        environment: 'corporate',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'public',
      }),
      await harness.t.call(admin, 'POST', '/api/v1/matrix', {
        processKey: 'dispatch',
        assetKey: 'label-printer',
        conformityImpact: 'Shipments leave unlabelled',
        controlMethod: 'Annual service contract',
        evidenceLocation: 'Supplier portal',
      }),
    ];
    expect(created.map((response) => response.statusCode)).toEqual([201, 201, 201]);
  });
  afterAll(async () => {
    await harness?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('walks a process from its page, highlights the gaps and downloads the HTML', async () => {
    const auditor = await harness.t.createUser('auditor');
    const { page, problems } = await openPage(harness);
    await page.goto('/processes/dispatch');
    await expectPath(page, '/login');
    await signIn(page, auditor.email, TEST_PASSWORD);
    await expectPath(page, '/processes/dispatch');
    await page.getByRole('link', { name: 'Walkthrough' }).click();
    await expectPath(page, '/processes/dispatch/walkthrough');
    await page.getByRole('button', { name: 'Walk the process' }).click();

    const gaps = page.getByTestId('walkthrough-gaps').first();
    await gaps.waitFor();
    expect(await gaps.textContent()).toContain('No evidence');
    expect(await page.getByTestId('dependency-label-printer').textContent()).toContain(
      'Shipments leave unlabelled',
    );

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download HTML' }).click(),
    ]);
    const saved = path.join(dir, 'walkthrough.html');
    await file.saveAs(saved);
    const html = fs.readFileSync(saved, 'utf8');
    expect(html).toContain('Walkthrough: Dispatch');
    expect(html).toContain('<span class="gap">No evidence</span>');
    expect(problems).toEqual([]);
  }, 120_000);
});
