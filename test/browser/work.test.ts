import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDetail } from '../../src/modules/work-orders/work-order.schema.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  enrolInTwoFactor,
  expectPath,
  field,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

const CONTROL_TITLE = 'Critical patches applied within 72 hours';

describe('control work in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('lets an engineer complete a critical patch work order and another person verify it with a signature', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const engineer = await t.createUser('engineering');
    // critical-patch-72h names Security as its verifier role: the server refuses anyone else.
    const verifier = await t.createUser('security');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'app-server-1',
      name: 'Application server 1',
      category: 'server',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
    });
    expect(asset.statusCode).toBe(201);
    const event = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: 'app-server-1',
      at: new Date().toISOString(),
    });
    expect(event.statusCode).toBe(201);
    expect(event.json<{ occurrenceIds: string[] }>().occurrenceIds).toHaveLength(1);

    // The engineer starts the occurrence from My work, ticks the checklist, uploads evidence and
    // completes the work order.
    const performing = await openPage(harness);
    const page = performing.page;
    await page.goto('/work');
    await expectPath(page, '/login');
    await signIn(page, engineer.email, TEST_PASSWORD);
    await expectPath(page, '/work');
    // My work opens on today's work; the patch is due in 72 hours, so it is this week's.
    await expect
      .poll(() => page.getByTestId('work-tab-today').getAttribute('aria-selected'))
      .toBe('true');
    await page.getByTestId('work-tab-week').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'week');
    // The tab is in the URL: going back returns to today, going forward to this week.
    await page.goBack();
    await expect
      .poll(() => page.getByTestId('work-tab-today').getAttribute('aria-selected'))
      .toBe('true');
    await page.goForward();
    await expect
      .poll(() => page.getByTestId('work-tab-week').getAttribute('aria-selected'))
      .toBe('true');
    const row = page
      .getByTestId('occurrence-row')
      .filter({ hasText: CONTROL_TITLE })
      .filter({ hasText: 'app-server-1' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Critical');
    // The deadline reads as a day and a time, the period as the event's time, never as codes.
    const due = await row.getByTestId('occurrence-due').textContent();
    expect(due).toMatch(
      /^(today|tomorrow|\w{3},? \d{1,2} \w{3}|\w{3},? \w{3} \d{1,2}), \d{2}:\d{2}$/,
    );
    expect(await row.textContent()).toContain('After the event of');
    expect(await row.textContent()).not.toMatch(/event:[0-9a-f]{8}|T\d{2}:\d{2}:\d{2}/);
    await row.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/work-orders/'));
    const workOrderId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^WO-/);

    const checklist = page.getByTestId('checklist').getByRole('checkbox');
    await expect.poll(() => checklist.count()).toBe(4);
    for (let index = 0; index < 4; index += 1) {
      // A controlled checkbox whose tick is set after an async optimistic update: click, then
      // wait for it (Playwright's check() expects the state to change within the click).
      await checklist.nth(index).click();
      await expect.poll(() => checklist.nth(index).isChecked()).toBe(true);
    }
    await expect.poll(() => page.getByText('4 of 4 done').count()).toBe(1);

    const scan = Buffer.from('openssl 3.0.15 installed; scanner reports no critical findings\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'patch-scan.txt',
      mimeType: 'text/plain',
      buffer: scan,
    });
    const sha256 = createHash('sha256').update(scan).digest('hex');
    await expect.poll(() => page.getByTestId('evidence-list').textContent()).toContain(sha256);
    expect(await page.getByTestId('evidence-list').textContent()).toContain('patch-scan.txt');

    const complete = page.getByRole('form', { name: 'Complete work order' });
    await complete
      .getByRole('textbox', { name: 'Completion note' })
      .fill('Patched to 3.0.15; scan attached.');
    await complete.getByRole('button', { name: 'Mark complete' }).click();
    await expect
      .poll(() => page.getByTestId('work-order-status').first().textContent())
      .toBe('Done, awaiting verification');
    // The performer is not offered the signature.
    expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
    expect(performing.problems).toEqual([]);

    // Another person, in their own browser session, verifies the closeout by signing it.
    const verifying = await openPage(harness);
    const second = verifying.page;
    await second.goto(`/work-orders/${workOrderId}`);
    await expectPath(second, '/login');
    await signIn(second, verifier.email, TEST_PASSWORD);
    await enrolInTwoFactor(second);
    await second.goto(`/work-orders/${workOrderId}`);
    await second.getByRole('button', { name: 'Verify' }).click();
    const dialog = second.getByRole('dialog', { name: 'Verify closeout' });
    await expect
      .poll(() => dialog.getByTestId('signature-meaning').textContent())
      .toContain('I verify this closeout');
    expect(await dialog.textContent()).toContain(verifier.name);
    // Enrolled in two-factor, the verifier may sign with a code or, as here, the password.
    await dialog.getByText('Use password', { exact: true }).click();
    await dialog.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await field(dialog, 'Note (optional)').fill('Scan output matches the fixed version.');
    await dialog.getByRole('button', { name: 'Sign and verify' }).click();

    await expect
      .poll(() => second.getByTestId('work-order-status').first().textContent())
      .toBe('Verified');
    const signatures = second.getByTestId('signatures');
    await expect.poll(() => signatures.textContent()).toContain(`Signed by ${verifier.name}`);
    expect(await signatures.textContent()).toContain('I verify this closeout');
    expect(await second.getByTestId('history').textContent()).toContain('Verified');
    expect(verifying.problems).toEqual([]);

    const detail = await t.call(admin, 'GET', `/api/v1/work-orders/${workOrderId}`);
    expect(detail.statusCode).toBe(200);
    const workOrder = detail.json<WorkOrderDetail>();
    expect(workOrder).toMatchObject({
      status: 'verified',
      performerId: engineer.id,
      completionNote: 'Patched to 3.0.15; scan attached.',
      occurrence: {
        controlKey: 'critical-patch-72h',
        assetKey: 'app-server-1',
        status: 'verified',
      },
    });
    expect(workOrder.checklist.every((item) => item.done)).toBe(true);
    expect(workOrder.evidence).toMatchObject([{ filename: 'patch-scan.txt', sha256 }]);
    expect(workOrder.signatures).toMatchObject([{ meaning: 'verified', method: 'password' }]);
    expect(workOrder.signatures[0]?.signerLabel).toContain(verifier.name);
  });

  it('lets a quality user browse the catalogue, posture and effectiveness report, and raise a corrective work order', async () => {
    const { t } = harness;
    const quality = await t.createUser('quality');
    const { page, problems } = await openPage(harness);
    await page.goto('/frameworks');
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, '/frameworks');

    await page.getByRole('table').getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/frameworks/'));
    const requirements = page.getByTestId('framework-requirements');
    await requirements.waitFor();
    await requirements.getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/controls/'));
    await page.getByRole('heading', { name: 'Checklist' }).waitFor();
    await page.getByRole('heading', { name: 'Recent occurrences' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Posture' }).click();
    await expectPath(page, '/posture');
    const cards = page.getByTestId('posture-frameworks').getByRole('button');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    await cards.first().click();
    await page.getByRole('heading', { name: /: requirements$/ }).waitFor();
    await page.getByRole('heading', { name: 'By asset' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await expectPath(page, '/reports/effectiveness');
    await page.getByRole('combobox', { name: 'Framework' }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByTestId('report-summary').waitFor();
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csv).toMatch(
      /^\/api\/v1\/reports\/effectiveness\?framework=[a-z0-9-]+&from=.*&format=csv$/,
    );

    await page.getByRole('navigation').getByRole('link', { name: 'Nonconformances' }).click();
    await expectPath(page, '/nonconformances');
    await page.getByRole('heading', { name: 'No nonconformances' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Work orders' }).click();
    await expectPath(page, '/work-orders');
    await page.getByRole('link', { name: 'New corrective work order' }).click();
    await expectPath(page, '/work-orders/new');
    await field(page, 'Title').fill('Replace failing disk in app-server-1');
    await field(page, 'Description').fill('SMART errors on disk 2 found during the patch scan.');
    await page.getByRole('button', { name: 'Create work order' }).click();
    await page.waitForURL((url) => /^\/work-orders\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/^WO-\d+ · Replace failing disk in app-server-1$/);
    const corrective = await t.call(
      await t.tokenFor('auditor'),
      'GET',
      '/api/v1/work-orders?kind=corrective',
    );
    expect(corrective.json<{ items: { title: string }[] }>().items).toMatchObject([
      { title: 'Replace failing disk in app-server-1' },
    ]);
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('work-counts').waitFor();
    expect(problems).toEqual([]);
  });

  it('lets a verifier reject a closeout with a reason, which returns it to the performer', async () => {
    const { t } = harness;
    const engineer = await t.createUser('engineering');
    const quality = await t.createUser('quality');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: engineer.email, password: TEST_PASSWORD },
    });
    const cookie = login.cookies.find((candidate) => candidate.name === SESSION_COOKIE)?.value;
    const { csrfToken } = login.json<{ csrfToken: string }>();
    const asEngineer = (url: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url,
        payload,
        cookies: { [SESSION_COOKIE]: cookie ?? '' },
        headers: { 'x-csrf-token': csrfToken },
      });
    const created = await asEngineer('/api/v1/work-orders', {
      title: 'Re-seat the loose rack PDU',
      description: 'PDU B in rack 4 dropped power twice this week.',
    });
    expect(created.statusCode).toBe(201);
    const workOrderId = created.json<{ id: string }>().id;
    const completed = await asEngineer(`/api/v1/work-orders/${workOrderId}/complete`, {
      note: 'Re-seated.',
    });
    expect(completed.statusCode).toBe(200);

    const { page, problems } = await openPage(harness);
    await page.goto(`/work-orders/${workOrderId}`);
    await expectPath(page, '/login');
    await signIn(page, quality.email, TEST_PASSWORD);
    await expectPath(page, `/work-orders/${workOrderId}`);
    await page.getByRole('button', { name: 'Reject' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject closeout' });
    await expect
      .poll(() => dialog.getByTestId('signature-meaning').textContent())
      .toContain('I reject this closeout');
    await dialog.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await field(dialog, 'Reason').fill('No photo of the re-seated PDU; attach one.');
    await dialog.getByRole('button', { name: 'Sign and reject' }).click();

    await expect
      .poll(() => page.getByTestId('work-order-status').first().textContent())
      .toBe('In progress');
    await expect
      .poll(() => page.getByTestId('history').textContent())
      .toContain('No photo of the re-seated PDU; attach one.');
    const detail = await t.call(
      await t.tokenFor('auditor'),
      'GET',
      `/api/v1/work-orders/${workOrderId}`,
    );
    const workOrder = detail.json<WorkOrderDetail>();
    expect(workOrder.status).toBe('in_progress');
    expect(workOrder.signatures).toMatchObject([{ meaning: 'rejected', method: 'password' }]);
    expect(problems).toEqual([]);
  });
});
