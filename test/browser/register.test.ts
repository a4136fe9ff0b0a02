import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/platform/auth/totp.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  choose,
  expectPath,
  field,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('web UI in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('lets a quality user create an asset, link it to a process and see it in the matrix', async () => {
    const { t } = harness;
    const quality = await t.createUser('quality');
    const created = await t.call(await t.tokenFor('admin'), 'POST', '/api/v1/processes', {
      key: 'release-management',
      name: 'Release management',
      description: 'Builds, verifies and ships product releases.',
      ownerRole: 'quality',
      affectsConformity: true,
    });
    expect(created.statusCode).toBe(201);
    const { page, problems } = await openPage(harness);

    await page.goto('/assets');
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/assets');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe(quality.name);

    await page.getByRole('link', { name: 'New asset' }).click();
    await expectPath(page, '/assets/new');
    await field(page, 'Key').fill('build-server');
    await field(page, 'Name').fill('Build server');
    await choose(page, 'Category', 'Server');
    await field(page, 'Purpose').fill('Builds and signs every release.');
    await choose(page, 'Owner role', 'Engineering');
    await choose(page, 'Criticality', 'High');
    await field(page, 'Criticality rationale').fill('No release can ship without it.');
    await choose(page, 'Data classification', 'Internal');
    await choose(page, 'Environment', 'Production');
    await page.getByRole('button', { name: 'Create asset' }).click();

    await expectPath(page, '/assets/build-server');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Build server');
    const asset = await t.call(await t.tokenFor('viewer'), 'GET', '/api/v1/assets/build-server');
    expect(asset.statusCode).toBe(200);
    expect(asset.json()).toMatchObject({
      name: 'Build server',
      category: 'server',
      ownerRole: 'engineering',
      criticality: 'high',
      dataClassification: 'internal',
      environment: 'production',
      lifecycleStatus: 'in-service',
    });
    await expect.poll(() => page.getByTestId('asset-history').textContent()).toContain('Created');

    await page.getByRole('navigation').getByRole('link', { name: 'Processes' }).click();
    await page.getByRole('link', { name: 'Release management' }).click();
    await expectPath(page, '/processes/release-management');
    const linkForm = page.getByRole('form', { name: 'Link asset' });
    await choose(page, 'Asset', 'Build server (build-server)');
    await field(linkForm, 'Conformity impact').fill('Releases cannot be built or signed.');
    await field(linkForm, 'Control method').fill('Nightly backup and monitored health checks.');
    await field(linkForm, 'Evidence location').fill('Monitoring dashboard and backup log');
    await linkForm.getByRole('button', { name: 'Link asset' }).click();
    await expect
      .poll(() => page.getByTestId('process-matrix').textContent())
      .toContain('Releases cannot be built or signed.');

    await page.getByRole('navigation').getByRole('link', { name: 'Process matrix' }).click();
    await expectPath(page, '/matrix');
    const row = page.getByTestId('matrix-row').filter({ hasText: 'Build server' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Releases cannot be built or signed.');
    expect(await row.textContent()).toContain('Monitoring dashboard and backup log');
    await page.getByText('By asset').click();
    await expect
      .poll(() => page.getByTestId('matrix-row').filter({ hasText: 'Release management' }).count())
      .toBe(1);

    const matrix = await t.call(
      await t.tokenFor('viewer'),
      'GET',
      '/api/v1/matrix?asset=build-server',
    );
    expect(matrix.json()).toMatchObject({
      items: [{ processKey: 'release-management', assetKey: 'build-server' }],
    });
    expect(problems).toEqual([]);
  });

  it('brings the first invalid field of the asset form into view and focus on submit', async () => {
    const { t } = harness;
    const quality = await t.createUser('quality');
    const { page, problems } = await openPage(harness);
    // A short window: the submit button is far below the first fields.
    await page.setViewportSize({ width: 1000, height: 500 });
    await page.goto('/assets/new');
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/assets/new');
    const inView = (locator: ReturnType<typeof field>) =>
      locator.evaluate((node) => {
        const box = node.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
    const focused = (locator: ReturnType<typeof field>) =>
      locator.evaluate((node) => node === document.activeElement);

    // Nothing chosen: the first required choice in page order.
    await field(page, 'Key').fill('scroll-test');
    await field(page, 'Name').fill('Scroll test');
    await page.getByRole('button', { name: 'Create asset' }).click();
    const category = page.getByRole('combobox', { name: 'Category', exact: true });
    await expect.poll(() => focused(category)).toBe(true);
    expect(await category.getAttribute('aria-invalid')).toBe('true');
    expect(await inView(category)).toBe(true);

    // Every choice made, the key refused by the server: the key, at the top, after scrolling down.
    await choose(page, 'Category', 'Server');
    await choose(page, 'Owner role', 'Engineering');
    await choose(page, 'Criticality', 'Low');
    await choose(page, 'Data classification', 'Internal');
    await choose(page, 'Environment', 'Production');
    await field(page, 'Key').fill('Not A Key!');
    await page.getByRole('button', { name: 'Create asset' }).click();
    const key = field(page, 'Key');
    await expect.poll(() => focused(key)).toBe(true);
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    expect(await inView(key)).toBe(true);
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  });

  it('brings the field the server refused into view and focus on any form with a summary (the process form)', async () => {
    const { t } = harness;
    const quality = await t.createUser('quality');
    const { page, problems } = await openPage(harness);
    await page.setViewportSize({ width: 1000, height: 500 });
    await page.goto('/processes/new');
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/processes/new');

    await field(page, 'Key').fill('Not A Key!');
    await field(page, 'Name').fill('Scroll test process');
    await choose(page, 'Owner role', 'Quality');
    await page.getByRole('button', { name: 'Create process' }).click();
    const key = field(page, 'Key');
    await expect.poll(() => key.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    expect(
      await key.evaluate((node) => {
        const box = node.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  });

  it('makes an admin enrol in two-factor authentication before reaching the app', async () => {
    const { t } = harness;
    const admin = await t.createUser('admin');
    const { page, problems } = await openPage(harness);

    await page.goto('/');
    await expectPath(page, '/login');
    await signIn(page, admin.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    await page.getByRole('button', { name: 'Begin setup' }).click();

    const qrCode = page.getByRole('img', { name: /QR code/ });
    await qrCode.waitFor();
    expect(await qrCode.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await field(page, 'Authentication code').fill(totpCodeAt(secret, new Date()));
    await page.getByRole('button', { name: 'Confirm and enable' }).click();

    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(codes).toHaveLength(10);
    const continueButton = page.getByRole('button', { name: 'Continue to Plumbline' });
    expect(await continueButton.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'I have saved these recovery codes' }).check();
    await continueButton.click();

    await expectPath(page, '/');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe(admin.name);
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).waitFor();
    const users = await t.call(await t.tokenFor('admin'), 'GET', '/api/v1/users');
    const enrolled = users
      .json<{ items: { email: string; mfaEnabled: boolean }[] }>()
      .items.find((user) => user.email === admin.email);
    expect(enrolled?.mfaEnabled).toBe(true);
    expect(problems).toEqual([]);
  });

  it('reports each bad line of a CSV import dry run and writes nothing until asked', async () => {
    const { t } = harness;
    const quality = await t.createUser('quality');
    const csv = [
      'key,name,category,environment,owner_role,criticality,data_classification',
      'qa-scanner,QA label scanner,equipment,production,quality,low,internal',
      'qa-printer,QA label printer,spaceship,production,quality,low,internal',
    ].join('\n');
    const { page, problems } = await openPage(harness);
    await page.goto('/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Assets' }).click();

    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'assets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toContain('Dry run: some rows need fixing');
    const badLine = report.getByRole('row').filter({ hasText: 'category' });
    expect(await badLine.getByRole('cell').first().textContent()).toBe('3');
    const viewer = await t.tokenFor('viewer');
    const listKeys = async () =>
      (await t.call(viewer, 'GET', '/api/v1/assets?q=qa-'))
        .json<{ items: { key: string }[] }>()
        .items.map((asset) => asset.key);
    expect(await listKeys()).toEqual([]);

    await page.getByRole('checkbox', { name: /partial import/ }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => report.textContent()).toContain('Imported');
    expect(await listKeys()).toEqual(['qa-scanner']);
    // The dry run answered 400 with its report: the browser logs that status, nothing else.
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);
  });
});
