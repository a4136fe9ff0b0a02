import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentView } from '../../src/modules/comments/comment.schema.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { signedInPerson } from '../support/factory.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://plumbline.example.test';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('comments on nonconformances', () => {
  const smtp = new SmtpTestServer();
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      clock,
      env: {
        PLUMBLINE_SMTP_URL: smtp.url,
        PLUMBLINE_PUBLIC_URL: PUBLIC_URL,
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
      },
    });
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function nonconformance(): Promise<NonconformanceView> {
    const response = await t.call(admin, 'POST', '/api/v1/nonconformances', {
      title: 'Firewall change without review',
      description: 'A firewall change reached production without the second review.',
      requirementNotMet: 'SOP-018 5.4: every production change is reviewed by a second engineer',
      containment: 'Change reviewed after the fact.',
      disposition: 'Accepted as is after the review.',
      impactAssessment: 'No product affected.',
      owner: 'quality',
      dueOn: '2026-04-30',
    });
    expect(response.statusCode).toBe(201);
    return response.json<NonconformanceView>();
  }

  const threadUrl = (id: string) => `/api/v1/nonconformances/${id}/comments`;

  async function mailsTo(email: string) {
    await deliverOutbox(t.ctx);
    return smtp.received.filter((mail) => mail.to.includes(email));
  }

  it('posts a comment whose mention is e-mailed with a link to the nonconformance, and audits it', async () => {
    const author = await signedInPerson(t, 'quality');
    const mentioned = await t.createUser('engineering');
    const nc = await nonconformance();

    const body = `@${mentioned.email} can you say which rule the change opened?`;
    const response = await author.call('POST', threadUrl(nc.id), { body });
    expect(response.statusCode).toBe(201);
    const comment = response.json<CommentView>();
    expect(comment).toMatchObject({ body, author: { id: author.userId, label: author.email } });
    expect(comment.mentions.map((person) => person.id)).toEqual([mentioned.id]);

    const [mail, ...more] = await mailsTo(mentioned.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`${author.email} mentioned you on ${nc.number} ${nc.title}`);
    expect(mail!.text).toContain(`> ${body}`);
    expect(mail!.text).toContain(`${PUBLIC_URL}/nonconformances/${nc.id}`);

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_type', 'after'])
      .where('entity_id', '=', nc.id)
      .where('action', '=', 'comment.added')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity_type: 'nonconformance',
      after: { commentId: comment.id, body, mentions: [mentioned.email] },
    });
  });

  it('lists the thread oldest first, a page at a time, apart from other records’ threads', async () => {
    const nc = await nonconformance();
    const written: string[] = [];
    for (const n of [1, 2, 3]) {
      const response = await t.call(admin, 'POST', threadUrl(nc.id), { body: `Step ${n}` });
      expect(response.statusCode).toBe(201);
      written.push(response.json<CommentView>().id);
    }
    const first = await t.call(admin, 'GET', `${threadUrl(nc.id)}?limit=2`);
    const firstPage = first.json<{ items: CommentView[]; nextCursor: string | null }>();
    expect(firstPage.items.map((comment) => comment.id)).toEqual(written.slice(0, 2));
    expect(firstPage.nextCursor).not.toBeNull();
    const second = await t.call(
      admin,
      'GET',
      `${threadUrl(nc.id)}?limit=2&cursor=${firstPage.nextCursor}`,
    );
    expect(second.json()).toMatchObject({ items: [{ id: written[2] }], nextCursor: null });

    const other = await nonconformance();
    expect((await t.call(admin, 'GET', threadUrl(other.id))).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('follows the nonconformance’s own permissions: auditors read, viewers get nothing', async () => {
    const nc = await nonconformance();
    await t.call(admin, 'POST', threadUrl(nc.id), { body: 'Containment checked' });
    const auditor = await signedInPerson(t, 'auditor');
    const read = await auditor.call('GET', threadUrl(nc.id));
    expect(read.statusCode).toBe(200);
    expect(read.json<{ items: CommentView[] }>().items.map((c) => c.body)).toEqual([
      'Containment checked',
    ]);
    expect((await auditor.call('POST', threadUrl(nc.id), { body: 'Fine' })).statusCode).toBe(403);

    const viewer = await signedInPerson(t, 'viewer');
    expect((await viewer.call('GET', threadUrl(nc.id))).statusCode).toBe(403);
    expect((await viewer.call('POST', threadUrl(nc.id), { body: 'Hello' })).statusCode).toBe(403);
  });

  it('answers 400 naming the field for an empty comment or a mention of someone who may not read it, and 404 for no such nonconformance', async () => {
    const nc = await nonconformance();
    const viewer = await t.createUser('viewer');
    for (const body of [{}, { body: '  ' }, { body: `Ask @${viewer.email}` }]) {
      const response = await t.call(admin, 'POST', threadUrl(nc.id), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'validation_failed', issues: [{ path: 'body.body' }] },
      });
    }
    expect(await mailsTo(viewer.email)).toEqual([]);
    expect((await t.call(admin, 'GET', threadUrl(nc.id))).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await t.call(admin, 'POST', threadUrl(NO_SUCH_ID), { body: 'Hello' })).statusCode).toBe(
      404,
    );
    expect((await t.call(admin, 'GET', threadUrl(NO_SUCH_ID))).statusCode).toBe(404);
  });
});
