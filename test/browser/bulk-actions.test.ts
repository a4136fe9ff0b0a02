import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { openPatchOccurrence } from '../support/factory.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('bulk actions on selected rows in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('marks two selected occurrences not applicable with one justification from My work', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const occurrenceIds: string[] = [];
    for (const key of ['bulk-na-1', 'bulk-na-2'])
      occurrenceIds.push(await openPatchOccurrence(t, admin, key, new Date().toISOString()));

    const { page, problems } = await openPage(harness);
    await page.goto('/work?tab=week');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/work');
    for (const key of ['bulk-na-1', 'bulk-na-2']) {
      const box = page.getByRole('checkbox', { name: new RegExp(`^Select .* — ${key},`) });
      await expect.poll(() => box.count()).toBe(1);
      await box.check();
    }
    await page.getByRole('button', { name: 'Mark 2 not applicable' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('textbox', { name: 'Justification' })
      .fill('Both servers were switched off for the whole window.');
    await dialog.getByRole('button', { name: 'Mark 2 not applicable' }).click();
    for (const id of occurrenceIds) {
      await expect
        .poll(
          async () =>
            (await t.call(admin, 'GET', `/api/v1/occurrences/${id}`)).json<OccurrenceView>().status,
        )
        .toBe('not_applicable');
    }
    expect(problems).toEqual([]);
  });

  it('downloads two selected occurrences from My work as CSV', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    const selected: string[] = [];
    for (const key of ['export-1', 'export-2', 'export-3']) {
      const id = await openPatchOccurrence(t, admin, key, new Date().toISOString());
      if (key !== 'export-2') selected.push(id);
    }

    const { page, problems } = await openPage(harness);
    await page.goto('/work?tab=week');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/work');
    for (const key of ['export-1', 'export-3']) {
      const box = page.getByRole('checkbox', { name: new RegExp(`^Select .* — ${key},`) });
      await expect.poll(() => box.count()).toBe(1);
      await box.check();
    }
    const bar = page.getByTestId('occurrence-selection');
    await expect.poll(() => bar.textContent()).toContain('2 selected');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('link', { name: 'Export 2 as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('occurrences.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header).toMatch(/^control,control_title,period,asset,/);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.split(',').at(-1)).sort()).toEqual([...selected].sort());
    expect(csv).not.toContain(',export-2,');
    expect(problems).toEqual([]);
  });

  it('triages two selected nonconformances together and offers the selection as CSV', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const lead = await t.createUser('quality');
    const raise = async (title: string) => {
      const response = await t.call(admin, 'POST', '/api/v1/nonconformances', {
        title,
        description: 'Found in the internal audit.',
        requirementNotMet: 'SOP-001 2.3',
        containment: 'None needed.',
        disposition: 'Accepted.',
        impactAssessment: 'None.',
        owner: 'quality',
        dueOn: '2099-01-31',
      });
      expect(response.statusCode).toBe(201);
      return response.json<NonconformanceView>();
    };
    const first = await raise('Badge reader log not reviewed');
    const second = await raise('Visitor book incomplete');

    const { page, problems } = await openPage(harness);
    await page.goto('/nonconformances');
    await expectPath(page, '/login');
    await signIn(page, lead.email, TEST_PASSWORD);
    await expectPath(page, '/nonconformances');
    for (const nc of [first, second]) {
      await page.getByRole('checkbox', { name: `Select ${nc.number}` }).check();
    }
    const bar = page.getByTestId('nonconformance-selection');
    await expect.poll(() => bar.textContent()).toContain('2 selected');
    const href = await bar.getByRole('link', { name: 'Export 2 as CSV' }).getAttribute('href');
    expect(decodeURIComponent(href ?? '')).toContain(`ids=${second.id},${first.id}`);

    await bar.getByRole('button', { name: 'Triage 2' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Status', exact: true }).click();
    await page.getByRole('option', { name: 'Investigating', exact: true }).click();
    await dialog.getByRole('button', { name: 'Triage 2' }).click();
    const row = (number: string) =>
      page.getByTestId('nonconformances').locator(`tr[data-nonconformance="${number}"]`);
    for (const nc of [first, second]) {
      await expect
        .poll(async () =>
          row(nc.number)
            .getByRole('combobox', { name: `Status of ${nc.title}` })
            .inputValue(),
        )
        .toBe('Investigating');
    }
    expect(problems).toEqual([]);
  });
});
