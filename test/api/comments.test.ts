import { beforeAll, describe, expect, it } from 'vitest';
import type { Colleague } from '../../src/modules/identity/colleagues.js';
import type { CommentView } from '../../src/modules/comments/comment.schema.js';
import type { WorkOrderView } from '../../src/modules/work-orders/work-order.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { signedInPerson } from '../support/factory.js';
import { mailTestApp, MAIL_TEST_PUBLIC_URL } from '../support/mail-test-app.js';
import type { TestApp } from '../support/test-app.js';

const PUBLIC_URL = MAIL_TEST_PUBLIC_URL;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('comments on work orders', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  const mailApp = mailTestApp(clock);
  const { mailsTo } = mailApp;
  let t: TestApp;
  let admin: string;

  beforeAll(() => {
    t = mailApp.app();
    admin = mailApp.adminToken();
  });

  async function workOrder(): Promise<WorkOrderView> {
    const response = await t.call(admin, 'POST', '/api/v1/work-orders', {
      title: 'Replace the failed disk',
      description: 'The RAID reports a failed member.',
    });
    expect(response.statusCode).toBe(201);
    return response.json<WorkOrderView>();
  }

  async function nameOf(id: string): Promise<string> {
    const people = (await t.call(admin, 'GET', '/api/v1/colleagues?limit=1000')).json<{
      items: Colleague[];
    }>().items;
    return people.find((person) => person.id === id)!.name;
  }

  it('posts a comment whose mentions are resolved and told by e-mail, and audits it', async () => {
    const author = await signedInPerson(t, 'engineering');
    const byEmail = await t.createUser('quality');
    const byName = await t.createUser('engineering');
    const order = await workOrder();
    const name = await nameOf(byName.id);

    const body = `Disk ordered. @${byEmail.email} please approve; @${name}, can you fit it Friday? Mail ops@example.test if late.`;
    const response = await author.call('POST', `/api/v1/work-orders/${order.id}/comments`, {
      body: `  ${body}  `,
    });
    expect(response.statusCode).toBe(201);
    const comment = response.json<CommentView>();
    expect(comment).toMatchObject({ body, author: { id: author.userId, label: author.email } });
    expect(comment.mentions.map((person) => person.id).sort()).toEqual(
      [byEmail.id, byName.id].sort(),
    );

    for (const person of [byEmail, byName]) {
      const [mail, ...more] = await mailsTo(person.email);
      expect(more).toEqual([]);
      expect(mail!.subject).toBe(`${author.email} mentioned you on ${order.number} ${order.title}`);
      expect(mail!.text).toContain(`> ${body}`);
      expect(mail!.text).toContain(`${PUBLIC_URL}/work-orders/${order.id}`);
    }
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', order.id)
      .where('action', '=', 'comment.added')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['comment.added']);
    expect(audit[0]!.after).toMatchObject({ commentId: comment.id, body });
  });

  it('does not tell the author of their own mention', async () => {
    const author = await signedInPerson(t, 'quality');
    const order = await workOrder();
    const response = await author.call('POST', `/api/v1/work-orders/${order.id}/comments`, {
      body: `Note to self @${author.email}`,
    });
    expect(response.json<CommentView>().mentions.map((person) => person.id)).toEqual([
      author.userId,
    ]);
    expect(await mailsTo(author.email)).toEqual([]);
  });

  it('lists the thread oldest first, a page at a time', async () => {
    const order = await workOrder();
    const written: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const response = await t.call(admin, 'POST', `/api/v1/work-orders/${order.id}/comments`, {
        body: `Update ${n}`,
      });
      expect(response.statusCode).toBe(201);
      written.push(response.json<CommentView>().id);
    }
    const read: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await t.call(
        admin,
        'GET',
        `/api/v1/work-orders/${order.id}/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: CommentView[]; nextCursor: string | null }>();
      read.push(...page.items.map((comment) => comment.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(read).toEqual(written);
    expect(pages).toBe(3);
    const other = await workOrder();
    const empty = await t.call(admin, 'GET', `/api/v1/work-orders/${other.id}/comments`);
    expect(empty.json()).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a mention of nobody, or of someone who may not read work orders, naming the field', async () => {
    const viewer = await t.createUser('viewer');
    const order = await workOrder();
    const viewerName = await nameOf(viewer.id);
    for (const body of [
      'Ask @nobody@example.test about it',
      `Ask @${viewer.email}`,
      `Ask @${viewerName} too`,
    ]) {
      const response = await t.call(admin, 'POST', `/api/v1/work-orders/${order.id}/comments`, {
        body,
      });
      expect(response.statusCode, body).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'validation_failed', issues: [{ path: 'body.body' }] },
      });
    }
    const thread = await t.call(admin, 'GET', `/api/v1/work-orders/${order.id}/comments`);
    expect(thread.json<{ items: CommentView[] }>().items).toEqual([]);
  });

  it('answers 400 naming the field for an empty or overlong comment, and 404 for no such work order', async () => {
    const order = await workOrder();
    for (const body of [{}, { body: '   ' }, { body: 'x'.repeat(10_001) }]) {
      const response = await t.call(
        admin,
        'POST',
        `/api/v1/work-orders/${order.id}/comments`,
        body,
      );
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json())).toContain('body.body');
    }
    const missing = await t.call(admin, 'POST', `/api/v1/work-orders/${NO_SUCH_ID}/comments`, {
      body: 'Hello',
    });
    expect(missing.statusCode).toBe(404);
    expect(
      (await t.call(admin, 'GET', `/api/v1/work-orders/${NO_SUCH_ID}/comments`)).statusCode,
    ).toBe(404);
    const badCursor = await t.call(
      admin,
      'GET',
      `/api/v1/work-orders/${order.id}/comments?cursor=x`,
    );
    expect(badCursor.statusCode).toBe(400);
    expect(JSON.stringify(badCursor.json())).toContain('querystring.cursor');
  });

  it('lets an auditor read the thread but not write to it', async () => {
    const auditor = await signedInPerson(t, 'auditor');
    const order = await workOrder();
    await t.call(admin, 'POST', `/api/v1/work-orders/${order.id}/comments`, { body: 'Ordered' });
    const read = await auditor.call('GET', `/api/v1/work-orders/${order.id}/comments`);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ items: CommentView[] }>().items.map((c) => c.body)).toEqual(['Ordered']);
    const write = await auditor.call('POST', `/api/v1/work-orders/${order.id}/comments`, {
      body: 'Looks fine',
    });
    expect(write.statusCode).toBe(403);
  });

  it('keeps comments append-only, whoever tries to change them', async () => {
    const order = await workOrder();
    const posted = await t.call(admin, 'POST', `/api/v1/work-orders/${order.id}/comments`, {
      body: 'Original words',
    });
    const id = posted.json<CommentView>().id;
    await expect(
      t.ctx.db.updateTable('comments').set({ body: 'Other words' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.ctx.db.deleteFrom('comments').where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
  });
});
