import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  queueOccurrenceAlerts,
  type OccurrenceAlertKind,
} from '../../src/modules/notifications/queue-occurrence-alerts.js';
import { queueWeeklyDigests } from '../../src/modules/notifications/queue-weekly-digests.js';
import type { NotificationView } from '../../src/modules/notifications/notification.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox, retryDelayMs } from '../../src/platform/mail/outbox.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const PUBLIC_URL = 'https://plumbline.example.test';

const server = (key: string) => ({
  key,
  name: `Server ${key}`,
  category: 'server',
  environment: 'production',
  ownerRole: 'engineering',
  criticality: 'medium',
  dataClassification: 'internal',
});

/** A running app with real SMTP, a fixed clock and one engineer pair, one quality, one security. */
async function notificationWorld(start: string, env: Record<string, string> = {}) {
  const smtp = new SmtpTestServer();
  await smtp.start();
  const clock = new FixedClock(start);
  const t = await createTestApp({
    clock,
    env: { PLUMBLINE_SMTP_URL: smtp.url, PLUMBLINE_PUBLIC_URL: PUBLIC_URL, ...env },
  });
  const admin = await t.tokenFor('admin');
  const people = {
    engineers: [await t.createUser('engineering'), await t.createUser('engineering')],
    quality: await t.createUser('quality'),
    security: await t.createUser('security'),
  };
  const patchReleased = async (asset: string, at: string) => {
    if ((await t.call(admin, 'GET', `/api/v1/assets/${asset}`)).statusCode === 404)
      expect((await t.call(admin, 'POST', '/api/v1/assets', server(asset))).statusCode).toBe(201);
    const response = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset,
      at,
    });
    expect(response.statusCode).toBe(201);
    const [id] = response.json<{ occurrenceIds: string[] }>().occurrenceIds;
    return id!;
  };
  const complete = (occurrenceId: string, at: Date) =>
    t.ctx.db
      .insertInto('occurrence_events')
      .values({ occurrence_id: occurrenceId, kind: 'completed', at, actor_label: 'test' })
      .execute();
  const alerts = (kind: OccurrenceAlertKind) => queueOccurrenceAlerts(t.ctx, kind);
  const deliver = () => deliverOutbox(t.ctx);
  const notifications = async (token: string, query = '') =>
    (await t.call(token, 'GET', `/api/v1/notifications?${query}`)).json<{
      items: NotificationView[];
    }>().items;
  return {
    smtp,
    clock,
    t,
    admin,
    people,
    patchReleased,
    complete,
    alerts,
    deliver,
    notifications,
    async close() {
      await t.close();
      await smtp.stop();
    },
  };
}

describe('occurrence alerts by e-mail', () => {
  let world: Awaited<ReturnType<typeof notificationWorld>>;
  let occurrenceId: string;
  let finishedId: string;
  const released = '2026-03-10T09:00:00Z';
  const due = new Date('2026-03-13T09:00:00Z');

  // Every story has its own world: each moves the clock and counts the e-mails sent.
  beforeEach(async () => {
    world = await notificationWorld(released);
    occurrenceId = await world.patchReleased('web-1', released);
    finishedId = await world.patchReleased('web-2', released);
  });
  afterEach(() => world.close());

  const engineerEmails = () => world.people.engineers.map((person) => person.email).sort();
  /** web-2's patch done at once; web-1's reminder sent to both engineers. */
  const reminded = async () => {
    await world.complete(finishedId, new Date(released));
    expect(await world.alerts('reminder')).toMatchObject({ queued: 2 });
    expect(await world.deliver()).toMatchObject({ sent: 2 });
  };
  /** Then, at the due time, web-1's overdue alert sent to both engineers. */
  const overdueAlerted = async () => {
    await reminded();
    world.clock.set(due);
    expect(await world.alerts('overdue')).toMatchObject({ queued: 2 });
    expect(await world.deliver()).toMatchObject({ sent: 2 });
  };
  /** Then, 48 h after it, the escalation sent to quality. */
  const escalated = async () => {
    await overdueAlerted();
    world.clock.set(new Date(due.getTime() + 48 * HOUR));
    expect(await world.alerts('escalation')).toMatchObject({ queued: 1 });
    expect(await world.deliver()).toMatchObject({ sent: 1 });
  };

  it('reminds exactly the active owner-role users once, however often and wherever the job runs', async () => {
    await world.complete(finishedId, new Date(released));
    const leaver = await world.t.createUser('engineering');
    const disabled = await world.t.call(world.admin, 'PATCH', `/api/v1/users/${leaver.id}`, {
      disabled: true,
    });
    expect(disabled.statusCode).toBe(200);
    // Two instances at once: the dedupe keys let only one of them queue each message.
    const [first, second] = await Promise.all([world.alerts('reminder'), world.alerts('reminder')]);
    expect(first.queued + second.queued).toBe(2);
    expect(await world.alerts('reminder')).toEqual({ queued: 0, withoutRecipients: 0 });
    expect(await world.alerts('overdue')).toMatchObject({ queued: 0 });
    expect(await world.alerts('escalation')).toMatchObject({ queued: 0 });
    expect(await world.deliver()).toMatchObject({ sent: 2, failed: 0 });

    const received = world.smtp.received;
    expect(received.map((mail) => mail.to[0]).sort()).toEqual(engineerEmails());
    expect(received[0]!.subject).toMatch(/^Reminder: due 13 Mar 2026, 10:00 CET: /);
    expect(received[0]!.subject).toContain('web-1');
    expect(received[0]!.text).toContain(`${PUBLIC_URL}/work/occurrences/${occurrenceId}`);
    expect(await world.alerts('reminder')).toMatchObject({ queued: 0 });
    expect(await world.deliver()).toMatchObject({ sent: 0, failed: 0 });
  });

  it('alerts the owner role when the work is overdue, not about work already done', async () => {
    await reminded();
    world.clock.set(new Date(due.getTime() - 60_000));
    expect(await world.alerts('overdue')).toMatchObject({ queued: 0 });
    world.clock.set(due);
    expect(await world.alerts('overdue')).toEqual({ queued: 2, withoutRecipients: 0 });
    expect(await world.alerts('overdue')).toMatchObject({ queued: 0 });
    const before = world.smtp.received.length;
    expect(await world.deliver()).toMatchObject({ sent: 2, failed: 0 });
    const overdue = world.smtp.received.slice(before);
    expect(overdue.map((mail) => mail.to[0]).sort()).toEqual(engineerEmails());
    expect(overdue.every((mail) => mail.subject.startsWith('Overdue: '))).toBe(true);
    expect(overdue[0]!.subject).toContain('web-1');
    expect(overdue.some((mail) => mail.subject.includes('web-2'))).toBe(false);
  });

  it('escalates to quality only once the configured delay has passed', async () => {
    await overdueAlerted();
    world.clock.set(new Date(due.getTime() + 48 * HOUR - 1000));
    expect(await world.alerts('escalation')).toMatchObject({ queued: 0 });
    world.clock.set(new Date(due.getTime() + 48 * HOUR));
    expect(await world.alerts('escalation')).toEqual({ queued: 1, withoutRecipients: 0 });
    expect(await world.alerts('escalation')).toMatchObject({ queued: 0 });
    const before = world.smtp.received.length;
    expect(await world.deliver()).toMatchObject({ sent: 1, failed: 0 });
    const [escalation] = world.smtp.received.slice(before);
    expect(escalation!.to).toEqual([world.people.quality.email]);
    expect(escalation!.subject).toMatch(/^Escalation: .*web-1 still open 48 h after its due time$/);
  });

  it('lists every alert with its delivery attempts for auditors, not for engineering', async () => {
    await escalated();
    const auditor = await world.t.tokenFor('auditor');
    const items = await world.notifications(auditor, 'category=overdue');
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({
        category: 'overdue',
        status: 'sent',
        attempts: 1,
        sentAt: due.toISOString(),
        lastError: null,
        related: { entityType: 'occurrence', entityId: occurrenceId },
      });
      expect(item.attemptsLog).toHaveLength(1);
      expect(item.attemptsLog[0]).toMatchObject({
        attemptedAt: due.toISOString(),
        succeeded: true,
      });
    }
    const quality = world.people.quality.email;
    expect(
      (await world.notifications(auditor, `recipient=${encodeURIComponent(quality)}`)).map(
        (item) => item.category,
      ),
    ).toEqual(['escalation']);
    expect(await world.notifications(auditor, 'status=failed')).toEqual([]);
    expect(
      await world.notifications(auditor, `from=${encodeURIComponent(due.toISOString())}`),
    ).toHaveLength(3);

    const engineering = await world.t.tokenFor('engineering');
    expect((await world.t.call(engineering, 'GET', '/api/v1/notifications')).statusCode).toBe(403);
    expect(
      (await world.t.call(engineering, 'POST', '/api/v1/notifications/retry-failed')).statusCode,
    ).toBe(403);
    expect(
      (await world.t.call(auditor, 'POST', '/api/v1/notifications/retry-failed')).statusCode,
    ).toBe(403);
  });
});

describe('configured reminder and escalation delays', () => {
  let world: Awaited<ReturnType<typeof notificationWorld>>;
  const due = new Date('2026-06-04T08:00:00Z');

  beforeEach(async () => {
    world = await notificationWorld('2026-06-01T08:00:00Z', {
      PLUMBLINE_REMINDER_DAYS: '1',
      PLUMBLINE_ESCALATION_HOURS: '4',
    });
    await world.patchReleased('web-9', '2026-06-01T08:00:00Z');
  });
  afterEach(() => world.close());

  it('reminds one day ahead and escalates four hours after the due time', async () => {
    expect(await world.alerts('reminder')).toMatchObject({ queued: 0 });
    world.clock.set(new Date(due.getTime() - 24 * HOUR));
    expect(await world.alerts('reminder')).toMatchObject({ queued: 2 });
    world.clock.set(new Date(due.getTime() + 4 * HOUR - 1000));
    expect(await world.alerts('escalation')).toMatchObject({ queued: 0 });
    world.clock.set(new Date(due.getTime() + 4 * HOUR));
    expect(await world.alerts('escalation')).toMatchObject({ queued: 1 });
  });
});

describe('delivery while the mail server is down', () => {
  let world: Awaited<ReturnType<typeof notificationWorld>>;

  // Each story has its own world: both count the reminders queued and the requeues audited.
  beforeEach(async () => {
    world = await notificationWorld('2026-05-04T08:00:00Z');
  });
  afterEach(() => world.close());

  it('keeps alerts pending while SMTP is down and delivers them once it is back', async () => {
    await world.smtp.stop();
    const occurrenceId = await world.patchReleased('db-1', '2026-05-04T08:00:00Z');
    expect(await world.alerts('reminder')).toMatchObject({ queued: 2 });
    expect(await world.deliver()).toMatchObject({ sent: 0, failed: 2 });
    const auditor = await world.t.tokenFor('auditor');
    const waiting = await world.notifications(auditor, 'category=reminder');
    expect(waiting.map((item) => item.status)).toEqual(['pending', 'pending']);
    expect(waiting[0]!.lastError).not.toBeNull();
    expect(waiting[0]!.attemptsLog).toMatchObject([{ succeeded: false }]);

    // Not yet due for a retry: nothing is attempted, and a rerun of the job queues nothing new.
    expect(await world.deliver()).toMatchObject({ sent: 0, failed: 0 });
    expect(await world.alerts('reminder')).toMatchObject({ queued: 0 });

    await world.smtp.start();
    world.clock.advance(retryDelayMs(1));
    expect(await world.deliver()).toMatchObject({ sent: 2, failed: 0 });
    expect(world.smtp.received).toHaveLength(2);
    expect(world.smtp.received[0]!.text).toContain(`/work/occurrences/${occurrenceId}`);

    const delivered = await world.notifications(auditor, 'category=reminder');
    for (const item of delivered) {
      expect(item).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      expect(item.attemptsLog.map((attempt) => attempt.succeeded)).toEqual([false, true]);
    }
  });

  it('lets an admin requeue messages that ran out of attempts', async () => {
    await world.patchReleased('db-1', '2026-05-04T08:00:00Z');
    expect(await world.alerts('reminder')).toMatchObject({ queued: 2 });
    expect(await world.deliver()).toMatchObject({ sent: 2 });
    await world.t.ctx.db
      .updateTable('outbox_messages')
      .set({ status: 'failed' })
      .where('category', '=', 'reminder')
      .execute();
    const response = await world.t.call(world.admin, 'POST', '/api/v1/notifications/retry-failed');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ requeued: 2 });
    const audit = await world.t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'notification.requeued')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('weekly digest', () => {
  let world: Awaited<ReturnType<typeof notificationWorld>>;
  let openId: string;
  let doneId: string;

  // Each story has its own world: each moves the clock and reads the digests sent.
  beforeEach(async () => {
    world = await notificationWorld('2026-03-21T10:00:00Z');
    openId = await world.patchReleased('web-1', '2026-03-21T10:00:00Z');
    doneId = await world.patchReleased('web-2', '2026-03-21T10:00:00Z');
    await world.complete(doneId, new Date('2026-03-21T12:00:00Z'));
  });
  afterEach(() => world.close());

  const digest = () => queueWeeklyDigests(world.t.ctx, 'instance-a');
  const digestsTo = (email: string) =>
    world.smtp.received.filter((mail) => mail.to[0] === email && mail.subject.startsWith('Weekly'));

  it('waits for Monday 07:00 local time (CET), then sends once per week per person', async () => {
    world.clock.set('2026-03-23T05:59:00Z'); // Monday 06:59 in Berlin (UTC+1)
    expect(await digest()).toBeNull();
    world.clock.set('2026-03-23T06:00:00Z'); // 07:00
    const [a, b] = await Promise.all([digest(), queueWeeklyDigests(world.t.ctx, 'instance-b')]);
    expect([a, b].filter((result) => result !== null)).toEqual([{ week: '2026-W13', queued: 3 }]);
    expect(await digest()).toBeNull();
    await world.deliver();

    const [engineer] = world.people.engineers;
    const [mail] = digestsTo(engineer!.email);
    expect(mail!.subject).toBe('Weekly digest 2026-W13: 1 due this week, 1 awaiting verification');
    expect(mail!.text).toContain(`${PUBLIC_URL}/work/occurrences/${openId}`);
    expect(mail!.text).toContain(`${PUBLIC_URL}/work/occurrences/${doneId}`);
    // Security verifies the patch control: it sees the closeout waiting for it.
    const [security] = digestsTo(world.people.security.email);
    expect(security!.subject).toBe('Weekly digest 2026-W13: 1 awaiting verification');
    // Quality has nothing of its own this week: no e-mail.
    expect(digestsTo(world.people.quality.email)).toEqual([]);
  });

  it('uses summer time after the DST change: 07:00 CEST is 05:00 UTC', async () => {
    // The week-13 digest went out on Monday 23 March, 07:00 CET.
    world.clock.set('2026-03-23T06:00:00Z');
    expect(await digest()).toEqual({ week: '2026-W13', queued: 3 });
    await world.deliver();
    world.clock.set('2026-03-29T22:30:00Z'); // Monday 00:30 CEST, a new week but too early
    expect(await digest()).toBeNull();
    world.clock.set('2026-03-30T04:59:00Z'); // 06:59 CEST
    expect(await digest()).toBeNull();
    world.clock.set('2026-03-30T05:00:00Z'); // 07:00 CEST
    expect(await digest()).toEqual({ week: '2026-W14', queued: 3 });
    await world.deliver();
    const [engineer] = world.people.engineers;
    expect(digestsTo(engineer!.email).map((mail) => mail.subject)).toEqual([
      'Weekly digest 2026-W13: 1 due this week, 1 awaiting verification',
      'Weekly digest 2026-W14: 1 overdue, 1 awaiting verification',
    ]);
    world.clock.set('2026-04-02T12:00:00Z'); // later that week: already sent
    expect(await digest()).toBeNull();
  });
});
