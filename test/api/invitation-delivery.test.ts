import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationIssuedView } from '../../src/modules/identity/auditor-engagement.schema.js';
import type {
  MailStatus,
  NotificationView,
} from '../../src/modules/notifications/notification.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://plumbline.example.test';
const DAY = 86_400_000;

const invitationBody = (email: string) => ({
  email,
  name: 'Ada Auditor',
  framework: 'iso9001',
  periodFrom: '2026-03-01',
  periodTo: '2026-03-31',
  expiresAt: '2026-06-30T23:59:59Z',
});

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('invitations and the outbox without SMTP', () => {
  const clock = new FixedClock('2026-04-14T09:00:00Z');
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_PUBLIC_URL: PUBLIC_URL } });
    admin = await t.tokenFor('admin');
  }, 60_000);
  afterAll(() => t.close());

  const accept = (token: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auditor-invitations/accept',
      payload: { token, password: 'a long enough new password' },
    });

  it('says that SMTP is not configured and what waits in the outbox', async () => {
    const status = await t.call(admin, 'GET', '/api/v1/notifications/mail-status');
    expect(status.statusCode).toBe(200);
    expect(status.json<MailStatus>()).toMatchObject({ smtpConfigured: false });
    const engineering = await t.tokenFor('engineering');
    expect((await t.call(engineering, 'GET', '/api/v1/notifications/mail-status')).statusCode).toBe(
      403,
    );
  });

  it('never claims an invitation was e-mailed, and gives the link to copy', async () => {
    const response = await t.call(
      admin,
      'POST',
      '/api/v1/auditor-engagements',
      invitationBody('nosmtp@audit-firm.example'),
    );
    expect(response.statusCode, response.body).toBe(201);
    const { invitation } = response.json<InvitationIssuedView>();
    expect(invitation).toMatchObject({
      email: 'smtp_not_configured',
      oneTimeLink: true,
      linkExpiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
    });
    expect(invitation.link).toMatch(`${PUBLIC_URL}/auditor-invitation?token=inv_`);
    const status = (
      await t.call(admin, 'GET', '/api/v1/notifications/mail-status')
    ).json<MailStatus>();
    expect(status.waiting.urgent).toBeGreaterThanOrEqual(1);
    expect(status.oldestWaitingSince).toBe(clock.now().toISOString());
    // Nothing leaves without SMTP, and the message stays pending, never "sent".
    expect(await deliverOutbox(t.ctx)).toEqual({ sent: 0, failed: 0, emails: 0 });
    const outbox = (
      await t.call(admin, 'GET', '/api/v1/notifications?category=auditor-invitation&limit=1')
    ).json<{ items: NotificationView[]; nextCursor: string | null }>();
    expect(outbox.items[0]).toMatchObject({
      recipient: 'nosmtp@audit-firm.example',
      status: 'pending',
      priority: 'urgent',
      sentAt: null,
    });
  });

  it('resends with a new link: the old link stops working, its unsent e-mail is cancelled', async () => {
    const first = (
      await t.call(
        admin,
        'POST',
        '/api/v1/auditor-engagements',
        invitationBody('resend@audit-firm.example'),
      )
    ).json<InvitationIssuedView>();
    clock.advance(6 * DAY);
    const resent = await t.call(
      admin,
      'POST',
      `/api/v1/auditor-engagements/${first.id}/invitation`,
    );
    expect(resent.statusCode, resent.body).toBe(200);
    const second = resent.json<InvitationIssuedView>();
    expect(second.invitation.link).not.toBe(first.invitation.link);
    expect(second.invitation).toMatchObject({
      email: 'smtp_not_configured',
      linkExpiresAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
    });
    const mails = (
      await t.call(
        admin,
        'GET',
        `/api/v1/notifications?recipient=${encodeURIComponent('resend@audit-firm.example')}`,
      )
    ).json<{ items: NotificationView[] }>().items;
    expect(mails.map((mail) => mail.status)).toEqual(['pending', 'cancelled']);
    expect(mails[1]!.lastError).toBe('Replaced by a newer invitation');

    // Past the first link's week, the new one still works; the old one never again.
    clock.advance(2 * DAY);
    expect((await accept(tokenOf(first.invitation.link))).statusCode).toBe(403);
    const accepted = await accept(tokenOf(second.invitation.link));
    expect(accepted.statusCode, accepted.body).toBe(200);

    // Once a password is set, a resend points to the sign-in page and resets nothing.
    const afterAccept = (
      await t.call(admin, 'POST', `/api/v1/auditor-engagements/${first.id}/invitation`)
    ).json<InvitationIssuedView>();
    expect(afterAccept.invitation).toMatchObject({
      link: `${PUBLIC_URL}/login`,
      oneTimeLink: false,
      linkExpiresAt: null,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'auditor_engagement.invitation_resent')
      .where('entity_id', '=', first.id)
      .execute();
    expect(audit.map((row) => row.after)).toMatchObject([
      { newLink: true, cancelledEmails: 1, emailSent: false },
      { newLink: false, cancelledEmails: 1, emailSent: false },
    ]);
  });

  it('refuses to resend a revoked engagement, and unknown ones are not found', async () => {
    const engagement = (
      await t.call(
        admin,
        'POST',
        '/api/v1/auditor-engagements',
        invitationBody('revoked@audit-firm.example'),
      )
    ).json<InvitationIssuedView>();
    await t.call(admin, 'POST', `/api/v1/auditor-engagements/${engagement.id}/revoke`);
    const refused = await t.call(
      admin,
      'POST',
      `/api/v1/auditor-engagements/${engagement.id}/invitation`,
    );
    expect(refused.statusCode).toBe(409);
    const unknown = await t.call(
      admin,
      'POST',
      '/api/v1/auditor-engagements/00000000-0000-4000-8000-000000000000/invitation',
    );
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.call(admin, 'POST', '/api/v1/auditor-engagements/nope/invitation');
    expect(malformed.statusCode).toBe(400);
  });
});

describe('invitations with SMTP', () => {
  const smtp = new SmtpTestServer();
  const clock = new FixedClock('2026-04-14T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      clock,
      env: { PLUMBLINE_SMTP_URL: smtp.url, PLUMBLINE_PUBLIC_URL: PUBLIC_URL },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('says the e-mail is queued, and sends it with the link the admin was shown', async () => {
    const admin = await t.tokenFor('admin');
    const status = (
      await t.call(admin, 'GET', '/api/v1/notifications/mail-status')
    ).json<MailStatus>();
    expect(status.smtpConfigured).toBe(true);
    const response = await t.call(
      admin,
      'POST',
      '/api/v1/auditor-engagements',
      invitationBody('smtp@audit-firm.example'),
    );
    const { invitation } = response.json<InvitationIssuedView>();
    expect(invitation.email).toBe('queued');
    expect(await deliverOutbox(t.ctx)).toMatchObject({ sent: 1, emails: 1 });
    expect(smtp.received.at(-1)?.to).toEqual(['smtp@audit-firm.example']);
    expect(smtp.received.at(-1)?.text).toContain(invitation.link);
  });
});
