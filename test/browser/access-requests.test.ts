import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequestView } from '../../src/modules/accounts/access-request.schema.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import { accountsFixture, createSystem, upload } from '../api/accounts.fixtures.js';
import {
  choose,
  enrolInTwoFactor,
  expectPath,
  field,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('the access requests page in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('requests access, and approves, grants and rejects others’ requests by e-signature', async () => {
    const { t } = harness;
    const security = await t.tokenFor('security');
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(people.statusCode, people.body).toBe(200);
    await createSystem(t, security, 'billing');
    const requestFor = async (person: string, role: string) => {
      const created = await t.call(security, 'POST', '/api/v1/access-requests', {
        person,
        asset: 'billing',
        role,
        justification: `Needs ${role} <i>today</i>`,
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<AccessRequestView>();
    };
    const forAlice = await requestFor('alice@example.test', 'operator');
    const forBob = await requestFor('bob@example.test', 'admin');
    const officer = await t.createUser('security');

    const { page, problems } = await openPage(harness);
    await page.goto('/access-requests');
    await expectPath(page, '/login');
    await signIn(page, officer.email, TEST_PASSWORD);
    await enrolInTwoFactor(page);
    await page.goto('/access-requests');
    const rowOf = (id: string) =>
      page.getByTestId('access-requests').locator(`tr[data-request="${id}"]`);
    const statusOf = (id: string) => rowOf(id).getByTestId('access-request-status').textContent();
    await expect.poll(() => statusOf(forAlice.id)).toBe('requested');
    // Text from people is shown as text.
    expect(await rowOf(forAlice.id).textContent()).toContain('Needs operator <i>today</i>');

    await rowOf(forAlice.id).getByRole('button', { name: 'Approve' }).click();
    const approval = page.getByRole('dialog', { name: 'Approve access' });
    await expect
      .poll(() => approval.getByTestId('signature-meaning').textContent())
      .toContain('operator on billing for alice@example.test');
    await approval.getByText('Use password', { exact: true }).click();
    await approval.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await approval.getByRole('button', { name: 'Sign and approve' }).click();
    await expect.poll(() => statusOf(forAlice.id)).toBe('approved');
    expect(await rowOf(forAlice.id).textContent()).toContain(`Approved by ${officer.name}`);
    await rowOf(forAlice.id).getByRole('button', { name: 'Record as granted' }).click();
    await expect.poll(() => statusOf(forAlice.id)).toBe('granted');

    await rowOf(forBob.id).getByRole('button', { name: 'Reject' }).click();
    const rejection = page.getByRole('dialog', { name: 'Reject access' });
    await rejection.getByText('Use password', { exact: true }).click();
    await rejection.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await field(rejection, 'Reason').fill('Admin is more than the work needs');
    await rejection.getByRole('button', { name: 'Sign and reject' }).click();
    await expect.poll(() => statusOf(forBob.id)).toBe('rejected');
    expect(await rowOf(forBob.id).textContent()).toContain('Admin is more than the work needs');

    // Their own request they may not decide.
    await page.getByRole('button', { name: 'Request access' }).click();
    const form = page.getByRole('form', { name: 'Request access' });
    await field(form, 'Person').fill('carol@example.test');
    await choose(page, 'System', 'billing (billing)');
    await field(form, 'Role').fill('viewer');
    await field(form, 'Justification').fill('Monthly billing report');
    await form.getByRole('button', { name: 'Request' }).click();
    const own = page
      .getByTestId('access-requests')
      .locator('tr', { hasText: 'carol@example.test' });
    await expect.poll(() => own.count()).toBe(1);
    expect(await own.getByTestId('access-request-status').textContent()).toBe('requested');
    expect(await own.textContent()).toContain('cannot be approved by the person who made it');
    expect(await own.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
