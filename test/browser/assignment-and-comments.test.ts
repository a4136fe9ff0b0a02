import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { WorkOrderView } from '../../src/modules/work-orders/work-order.schema.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  choose,
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

describe('assigning work and commenting in a real browser', () => {
  const smtp = new SmtpTestServer();
  let harness: BrowserHarness;
  beforeAll(async () => {
    await smtp.start();
    harness = await startBrowserHarness({ env: { PLUMBLINE_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await harness?.close();
    await smtp.stop();
  });

  it('assigns a work order, mentions a person in a comment, and assigns selected rows in bulk', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const lead = await t.createUser('quality');
    const engineer = await t.createUser('engineering');
    const colleague = await t.createUser('engineering');
    const open = async (title: string) => {
      const response = await t.call(admin, 'POST', '/api/v1/work-orders', {
        title,
        description: 'Found during the weekly walk-round.',
      });
      expect(response.statusCode).toBe(201);
      return response.json<WorkOrderView>();
    };
    const single = await open('Replace the UPS battery');
    const bulkA = await open('Relabel the patch panel');
    const bulkB = await open('Clean the server room filters');
    const closed = await open('Reseat the loose cable');
    expect(
      (await t.call(admin, 'POST', `/api/v1/work-orders/${closed.id}/complete`, { note: 'Done' }))
        .statusCode,
    ).toBe(200);

    const { page, problems } = await openPage(harness);
    await page.goto(`/work-orders/${single.id}`);
    await expectPath(page, '/login');
    await signIn(page, lead.email, TEST_PASSWORD);
    await expectPath(page, `/work-orders/${single.id}`);

    // Assign the work order to the engineer.
    await choose(page, 'Assign to', `${engineer.name} (${engineer.email})`);
    await page.getByTestId('assignment').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByTestId('assignee').textContent())
      .toBe(`${engineer.name} (${engineer.email})`);

    // A comment that mentions the colleague by name.
    const body = `Battery ordered, @${colleague.name} can you fit it on Friday?`;
    await page.getByRole('textbox', { name: 'New comment' }).fill(body);
    await page.getByRole('button', { name: 'Post comment' }).click();
    const comment = page.getByTestId('comment').filter({ hasText: 'Battery ordered' });
    await expect.poll(() => comment.count()).toBe(1);
    expect(await comment.getByTestId('comment-mentions').textContent()).toContain(colleague.name);

    await deliverOutbox(t.ctx);
    const subjects = (email: string) =>
      smtp.received.filter((mail) => mail.to.includes(email)).map((mail) => mail.subject);
    expect(subjects(engineer.email)).toEqual([
      `Assigned to you: ${single.number} Replace the UPS battery`,
    ]);
    expect(subjects(colleague.email)).toEqual([
      `${lead.email} mentioned you on ${single.number} Replace the UPS battery`,
    ]);

    // Bulk: select two open rows (the closed one cannot be selected) and assign them at once.
    await page.goto('/work-orders');
    const rowOf = (number: string) =>
      page.getByTestId('work-order-row').filter({ hasText: number });
    await expect.poll(() => rowOf(bulkA.number).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: `Select ${closed.number}` }).isDisabled()).toBe(
      true,
    );
    await page.getByRole('checkbox', { name: `Select ${bulkA.number}` }).check();
    await page.getByRole('checkbox', { name: `Select ${bulkB.number}` }).check();
    await expect.poll(() => page.getByTestId('bulk-bar').textContent()).toContain('2 selected');
    await choose(page, 'Assign selected to', `${colleague.name} (${colleague.email})`);
    await page.getByRole('button', { name: 'Assign 2' }).click();
    await expect
      .poll(() => rowOf(bulkA.number).getByTestId('work-order-assignee').textContent())
      .toBe(colleague.name);
    expect(await rowOf(bulkB.number).getByTestId('work-order-assignee').textContent()).toBe(
      colleague.name,
    );
    // Filtered by assignee, the list keeps only the colleague's two.
    await choose(page, 'Assigned to', colleague.name);
    await expect.poll(() => page.getByTestId('work-order-row').count()).toBe(2);

    // Queued for the colleague with the assignment (the bulk lane sends it within the hour,
    // grouped with the mention they were sent a moment ago).
    const queued = await t.ctx.db
      .selectFrom('outbox_messages')
      .select('subject')
      .where('recipient', '=', colleague.email)
      .where('category', '=', 'assignment')
      .execute();
    expect(queued).toEqual([{ subject: '2 pieces of work assigned to you' }]);

    // The engineer sees the assigned work order in My work.
    const mine = await openPage(harness);
    await mine.page.goto('/work');
    await signIn(mine.page, engineer.email, TEST_PASSWORD);
    await expectPath(mine.page, '/work');
    const assigned = mine.page.getByTestId('assigned-work-orders');
    await expect.poll(() => assigned.textContent()).toContain(single.number);
    expect(problems).toEqual([]);
    expect(mine.problems).toEqual([]);
  });

  it('comments on a nonconformance from its page, and the person mentioned is e-mailed', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const lead = await t.createUser('quality');
    const engineer = await t.createUser('engineering');
    const raised = await t.call(admin, 'POST', '/api/v1/nonconformances', {
      title: 'Patch window missed on the edge routers',
      description: 'The monthly patch window passed without the routers being patched.',
      requirementNotMet: 'SOP-007 3.1: security patches within 30 days',
      containment: 'Routers scheduled for the next night.',
      disposition: 'Patched late.',
      impactAssessment: 'Exposure of two weeks to a published advisory.',
      owner: 'engineering',
      dueOn: '2099-01-31',
    });
    expect(raised.statusCode).toBe(201);
    const nc = raised.json<NonconformanceView>();

    const { page, problems } = await openPage(harness);
    await page.goto('/nonconformances');
    await expectPath(page, '/login');
    await signIn(page, lead.email, TEST_PASSWORD);
    await expectPath(page, '/nonconformances');
    await page.getByRole('link', { name: `${nc.number} · ${nc.title}` }).click();
    await expectPath(page, `/nonconformances/${nc.id}`);

    const body = `@${engineer.email} which advisory was it?`;
    await page.getByRole('textbox', { name: 'New comment' }).fill(body);
    await page.getByRole('button', { name: 'Post comment' }).click();
    const comment = page.getByTestId('comment').filter({ hasText: 'which advisory' });
    await expect.poll(() => comment.count()).toBe(1);
    expect(await comment.getByTestId('comment-mentions').textContent()).toContain(engineer.name);

    await deliverOutbox(t.ctx);
    expect(
      smtp.received.filter((mail) => mail.to.includes(engineer.email)).map((m) => m.subject),
    ).toEqual([`${lead.email} mentioned you on ${nc.number} ${nc.title}`]);
    expect(problems).toEqual([]);
  });
});
