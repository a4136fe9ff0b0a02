import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/time/zoned-time.js';
import { TEST_PASSWORD } from '../support/test-app.js';
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

const AUDITOR_EMAIL = 'erin@audit-firm.example';
const AUDITOR_PASSWORD = 'a long auditor passphrase';

describe('auditor access in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('lets an admin invite an auditor, who then sees only the engagement, until revoked', async () => {
    const { t } = harness;
    const today = new Date().toISOString().slice(0, 10);
    const admin = await t.createUser('admin');
    const { page: adminPage, problems } = await openPage(harness);
    await adminPage.goto('/admin/auditor-access');
    await signIn(adminPage, admin.email, TEST_PASSWORD);
    await enrolInTwoFactor(adminPage);
    await expectPath(adminPage, '/admin/auditor-access');

    await adminPage.getByRole('button', { name: 'Invite an auditor' }).click();
    await field(adminPage, 'Name').fill('Erin External');
    await field(adminPage, 'E-mail').fill(AUDITOR_EMAIL);
    await choose(adminPage, 'Framework', 'ISO 9001:2015 Quality management systems - Requirements');
    await adminPage.getByLabel('Period from').fill(addDays(today, -60));
    await adminPage.getByLabel('Period to').fill(addDays(today, -1));
    await adminPage.getByLabel('Access ends on').fill(addDays(today, 30));
    await adminPage.getByRole('button', { name: 'Invite', exact: true }).click();
    // The dialog shows the link to copy, and says no e-mail goes out (no SMTP here).
    const result = adminPage.getByTestId('invitation-result');
    await expect.poll(() => result.textContent()).toMatch(/nothing is sent/);
    const shown = await adminPage.getByLabel('One-time set-password link').inputValue();
    await adminPage.getByRole('button', { name: 'Done' }).click();
    const row = adminPage.getByTestId(`engagement-${AUDITOR_EMAIL}`);
    await expect.poll(() => row.textContent()).toMatch(/active/);

    // The invitation e-mail waits in the outbox with the same link: follow it.
    const mail = await t.ctx.db
      .selectFrom('outbox_messages')
      .select('body_text')
      .where('recipient', '=', AUDITOR_EMAIL)
      .executeTakeFirstOrThrow();
    const link = new URL(/https?:\/\/\S+auditor-invitation\?token=\S+/.exec(mail.body_text)![0]);
    expect(link.href).toBe(new URL(shown).href);
    const { page, problems: auditorProblems } = await openPage(harness);
    await page.goto(`${link.pathname}${link.search}`);
    await page.getByLabel(/^Password/).fill(AUDITOR_PASSWORD);
    await page.getByLabel('Repeat password').fill(AUDITOR_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expectPath(page, '/login');
    await signIn(page, AUDITOR_EMAIL, AUDITOR_PASSWORD);
    await enrolInTwoFactor(page);
    await expectPath(page, '/posture');
    await expect
      .poll(() => page.getByTestId('engagement-banner').textContent())
      .toContain(`iso9001, period ${addDays(today, -60)} to ${addDays(today, -1)}`);
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => navigation.textContent()).toContain('Evidence packs');
    expect(await navigation.textContent()).not.toMatch(/Audit log|Users|My work|Backups/);

    await adminPage.getByRole('button', { name: 'Revoke' }).click();
    await adminPage.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.textContent()).toMatch(/revoked/);
    await page.reload();
    await expectPath(page, '/login');
    expect([...problems, ...auditorProblems].filter((p) => !/403|401/.test(p))).toEqual([]);
  }, 120_000);
});
