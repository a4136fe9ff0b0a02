import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  field,
  openPage,
  signIn,
  serversCsv,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('search, calendar and asset paging in a real browser', () => {
  let harness: BrowserHarness;
  let admin: string;
  let engineerEmail: string;
  let overdueDueAt: string;
  let incidentId: string;
  let nonconformanceId: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const { t } = harness;
    admin = await t.tokenFor('admin');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assets/import',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      payload: serversCsv(105),
    });
    expect(imported.statusCode).toBe(200);
    const database = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'orders-db',
      name: 'Orders database',
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'high',
      criticalityRationale: 'Orders stop without it',
      dataClassification: 'confidential',
      tags: ['orders'],
    });
    expect(database.statusCode).toBe(201);
    // A critical patch released four days ago: due 72 hours later, so overdue by a day now.
    const event = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: 'orders-db',
      at: new Date(Date.now() - 4 * 86_400_000).toISOString(),
    });
    expect(event.statusCode).toBe(201);
    const occurrenceId = event.json<{ occurrenceIds: string[] }>().occurrenceIds[0]!;
    overdueDueAt = (await t.call(admin, 'GET', `/api/v1/occurrences/${occurrenceId}`)).json<{
      dueAt: string;
    }>().dueAt;
    engineerEmail = (await t.createUser('engineering')).email;
    // Records found by the words of their texts: an incident and a nonconformance.
    const quality = await t.tokenFor('quality');
    const incident = await t.call(quality, 'POST', '/api/v1/incidents', {
      title: 'Ledger cluster outage',
      severity: 'major',
    });
    expect(incident.statusCode).toBe(201);
    incidentId = incident.json<{ id: string }>().id;
    const raised = await t.call(quality, 'POST', '/api/v1/nonconformances', {
      title: 'Ledger restore test skipped',
      description: 'The quarterly restore did not run.',
      requirementNotMet: 'Restores are tested every quarter',
      containment: 'Restored by hand the next day.',
      disposition: 'Accepted after the manual restore.',
      impactAssessment: 'None.',
      owner: 'quality',
      dueOn: '2026-04-30',
    });
    expect(raised.statusCode).toBe(201);
    nonconformanceId = raised.json<{ id: string }>().id;
  });
  afterAll(() => harness?.close());

  async function signedInPage(path: string) {
    const opened = await openPage(harness);
    await opened.page.goto(path);
    await expectPath(opened.page, '/login');
    await signIn(opened.page, engineerEmail, TEST_PASSWORD);
    await expectPath(opened.page, path.split('?')[0]!);
    return opened;
  }

  it('opens the search with Ctrl-K, moves with the arrow keys, keeps focus inside, and goes to the result with Enter', async () => {
    const { page, problems } = await signedInPage('/work');
    // The shortcut is listened for once the signed-in frame (and its Search button) is shown.
    await page.getByTestId('open-search').waitFor();
    await page.keyboard.press('Control+K');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    const input = page.getByRole('combobox', { name: 'Search records' });
    await expect.poll(() => input.evaluate((node) => node === document.activeElement)).toBe(true);
    await input.fill('rack-01');
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    // rack-010 … rack-019 start with the words; the first by name is the active option.
    await expect.poll(() => options.first().textContent()).toContain('rack-010');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    const firstId = await options.first().getAttribute('id');
    expect(await input.getAttribute('aria-activedescendant')).toBe(firstId);
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe(
      await options.nth(1).getAttribute('id'),
    );
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBe(firstId);
    // Tab keeps the focus within the dialog.
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    }
    await input.focus();
    await page.keyboard.press('Enter');
    await expectPath(page, '/assets/rack-010');
    await dialog.waitFor({ state: 'hidden' });

    // Escape closes it; the header's button opens it again.
    await page.getByTestId('open-search').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });

  it('names the kind and number of incidents and nonconformances found by their words, and opens them', async () => {
    const { page, problems } = await signedInPage('/work');
    await page.getByTestId('open-search').waitFor();
    await page.keyboard.press('Control+K');
    const input = page.getByRole('combobox', { name: 'Search records' });
    await input.fill('ledger');
    const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    const texts = await options.allTextContents();
    expect(texts.find((text) => text.includes('Ledger cluster outage'))).toMatch(
      /INC-0001 · major · .*Incident$/,
    );
    expect(texts.find((text) => text.includes('Ledger restore test skipped'))).toMatch(
      /NC-0001 · open.*Nonconformance$/,
    );
    await options.filter({ hasText: 'Ledger cluster outage' }).click();
    await expectPath(page, `/incidents/${incidentId}`);

    await page.keyboard.press('Control+K');
    await input.fill('NC-1');
    await expect.poll(() => options.first().textContent()).toContain('Ledger restore test skipped');
    await page.keyboard.press('Enter');
    await expectPath(page, `/nonconformances/${nonconformanceId}`);
    expect(problems).toEqual([]);
  });

  it('shows a month of due work with overdue marked, filtered by asset from the URL, and a feed URL that stops at revocation', async () => {
    const dueDay = new Date(new Date(overdueDueAt).getTime() - 1).toLocaleDateString('sv', {
      timeZone: 'Europe/Berlin',
    });
    const month = dueDay.slice(0, 7);
    const { page, problems } = await signedInPage(`/calendar?month=${month}&asset=orders-db`);
    await expect.poll(() => page.getByTestId('calendar-summary').textContent()).toMatch(/overdue/);
    const cell = page.locator(`td[data-date="${dueDay}"]`);
    const overdue = cell.locator('[data-status="overdue"]');
    await expect.poll(() => overdue.count()).toBe(1);
    expect(await overdue.textContent()).toMatch(/^Overdue.*orders-db$/);
    // Only the asset asked for: every item shown names it.
    const items = await page.locator('.calendar-item').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((text) => text.includes('orders-db'))).toBe(true);
    expect(await field(page, 'Asset key').inputValue()).toBe('orders-db');

    await page.getByRole('button', { name: 'Make a feed URL' }).click();
    const urlField = page.getByTestId('calendar-feed-url');
    await urlField.waitFor();
    const feedUrl = await page
      .getByRole('textbox', { name: 'Your feed URL (shown this once)' })
      .inputValue();
    const path = new URL(feedUrl).pathname;
    const served = await page.request.get(path);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toContain('text/calendar');
    expect(await served.text()).toContain('BEGIN:VEVENT');
    await page.getByRole('button', { name: 'Revoke the feed URL' }).click();
    await page.getByRole('button', { name: 'Make a feed URL' }).waitFor();
    expect((await page.request.get(path)).status()).toBe(404);
    expect(problems).toEqual([]);
  });

  it('opens the asset list with one session check and one read of its first page, none before signing in', async () => {
    const { page, problems } = await openPage(harness);
    const requests: URL[] = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    const asked = (path: string) =>
      requests
        .filter((url) => url.pathname === path)
        .map((url) => Object.fromEntries(url.searchParams));
    await page.goto('/assets?category=server');
    await expectPath(page, '/login');
    // Signed out, the list is not read ahead: the session check alone decides.
    expect(asked('/api/v1/assets')).toEqual([]);
    await signIn(page, engineerEmail, TEST_PASSWORD);
    await expectPath(page, '/assets');
    const count = page.getByTestId('asset-count');
    await expect.poll(() => count.textContent()).toBe('100 assets shown, more follow');

    // A first load signed in: the session answer index.html preloads is the one the app reads,
    // and the page's first rows, asked for beside the page's code, are the ones it shows.
    requests.length = 0;
    await page.reload();
    await expect.poll(() => count.textContent()).toBe('100 assets shown, more follow');
    expect(asked('/api/v1/auth/session')).toEqual([{}]);
    // Asked before any script, in the order of index.html: not once the scripts have run.
    const firstScript = requests.findIndex((url) => url.pathname.endsWith('.js'));
    expect(requests.findIndex((url) => url.pathname === '/api/v1/auth/session')).toBeLessThan(
      firstScript,
    );
    expect(asked('/api/v1/assets')).toEqual([{ category: 'server', limit: '100' }]);
    expect(problems).toEqual([]);
  });

  it('pages the asset list with Load more and keeps its filters in the URL', async () => {
    const { page, problems } = await signedInPage('/assets?category=server');
    const count = page.getByTestId('asset-count');
    await expect.poll(() => count.textContent()).toBe('100 assets shown, more follow');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => count.textContent()).toBe('105 assets');
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.reload();
    await expect.poll(() => count.textContent()).toBe('100 assets shown, more follow');
    expect(new URL(page.url()).searchParams.get('category')).toBe('server');
    await field(page, 'Search').fill('rack-10');
    await page.waitForURL((url) => url.searchParams.get('q') === 'rack-10');
    // rack-100 … rack-105, all on one page.
    await expect.poll(() => count.textContent()).toBe('6 assets');
    expect(problems).toEqual([]);
  });
});
