import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpTestServer } from '../../../test/support/smtp-test-server.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { systemActor } from '../audit/actor.js';
import { mutate } from '../audit/mutate.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { FixedClock } from '../clock.js';
import type { DatabaseHandle } from '../db/connect.js';
import { createSmtpMailer } from './mailer.js';
import { deliverOutbox, enqueueEmails, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './outbox.js';
import { BULK_INTERVAL_MS } from './outbox-priority.js';

describe('e-mail outbox', () => {
  let database: DatabaseHandle;
  const smtp = new SmtpTestServer();
  const clock = new FixedClock('2026-05-04T08:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    await smtp.start();
  });
  afterAll(async () => {
    await smtp.stop();
    await database.close();
  });

  const deps = () => ({
    db: database.db,
    clock,
    mailer: createSmtpMailer(smtp.url, 'Plumbline <plumbline@example.test>'),
  });

  it('queues an e-mail with the change that caused it and delivers it over SMTP', async () => {
    await mutate({ db: database.db, clock }, systemActor, async (tx) => {
      await enqueueEmails(
        tx.trx,
        [
          {
            recipient: 'ops@example.test',
            subject: 'Backup failed: db-prod-eu',
            text: 'Details…',
            category: 'backup-alert',
          },
        ],
        tx.now,
      );
      await tx.audit({ action: 'test.alert_raised', entityType: 'asset', entityId: 'db-prod-eu' });
    });
    expect(await deliverOutbox(deps())).toEqual({ sent: 1, failed: 0, emails: 1 });
    expect(smtp.received.at(-1)).toMatchObject({
      to: ['ops@example.test'],
      subject: 'Backup failed: db-prod-eu',
    });
    const row = await database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('subject', '=', 'Backup failed: db-prod-eu')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.sent_at?.toISOString()).toBe('2026-05-04T08:00:00.000Z');
    const audit = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'notification.delivered')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ recipient: 'ops@example.test', attempt: 1 });
  });

  it('queues a message with a dedupe key only once (one alert per incident)', async () => {
    const email = {
      recipient: 'ops@example.test',
      subject: 'Overdue',
      text: 'x',
      category: 'overdue',
      dedupeKey: 'overdue:occ-1',
    };
    expect(await enqueueEmails(database.db, [email], clock.now())).toBe(1);
    expect(await enqueueEmails(database.db, [email], clock.now())).toBe(0);
    await deliverOutbox(deps());
  });

  it('keeps messages while the SMTP server is down and delivers them when it is back', async () => {
    await smtp.stop();
    const before = smtp.received.length;
    await enqueueEmails(
      database.db,
      [
        {
          recipient: 'quality@example.test',
          subject: 'Escalation: patching overdue',
          text: 'x',
          category: 'escalation',
        },
      ],
      clock.now(),
    );
    // Nobody else got bulk mail this hour: every bulk message waits only for its person's hour.
    clock.advance(BULK_INTERVAL_MS);
    expect(await deliverOutbox(deps())).toEqual({ sent: 0, failed: 1, emails: 1 });
    const waiting = await database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('subject', '=', 'Escalation: patching overdue')
      .executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.last_error).not.toBeNull();
    expect(waiting.available_at.getTime()).toBe(clock.now().getTime() + retryDelayMs(1));

    // Not yet due for retry: nothing is attempted.
    expect(await deliverOutbox(deps())).toEqual({ sent: 0, failed: 0, emails: 0 });

    await smtp.start();
    clock.advance(retryDelayMs(1));
    expect(await deliverOutbox(deps())).toEqual({ sent: 1, failed: 0, emails: 1 });
    expect(smtp.received.length).toBe(before + 1);
    const attempts = await database.db
      .selectFrom('outbox_attempts')
      .selectAll()
      .where('message_id', '=', waiting.id)
      .orderBy('attempted_at')
      .execute();
    expect(attempts.map((a) => a.succeeded)).toEqual([false, true]);
    expect((await verifyAuditChain(database.db)).valid).toBe(true);
  });

  it('marks a message failed after the last attempt but never deletes it', async () => {
    await smtp.stop();
    await enqueueEmails(
      database.db,
      [{ recipient: 'nobody@example.test', subject: 'Doomed', text: 'x', category: 'test' }],
      clock.now(),
    );
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      await deliverOutbox(deps());
      clock.advance(retryDelayMs(attempt));
    }
    const row = await database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('subject', '=', 'Doomed')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    await smtp.start();
  });

  it('does not send a message twice when two senders run at once', async () => {
    const before = smtp.received.length;
    await enqueueEmails(
      database.db,
      Array.from({ length: 10 }, (_, index) => ({
        recipient: `p${index}@example.test`,
        subject: `Digest ${index}`,
        text: 'x',
        category: 'digest',
      })),
      clock.now(),
    );
    const results = await Promise.all([deliverOutbox(deps()), deliverOutbox(deps())]);
    expect(results[0].sent + results[1].sent).toBe(10);
    expect(smtp.received.length).toBe(before + 10);
  });

  it('sends an urgent alert first and on its own, whatever the bulk backlog', async () => {
    const before = smtp.received.length;
    await enqueueEmails(
      database.db,
      Array.from({ length: 300 }, (_, index) => ({
        recipient: `backlog${index % 3}@example.test`,
        subject: `NC-${index} raised`,
        text: `Nonconformance ${index}`,
        category: 'nonconformance',
      })),
      clock.now(),
    );
    clock.advance(1_000);
    await enqueueEmails(
      database.db,
      [
        {
          recipient: 'backlog0@example.test',
          subject: 'Backup failed: db-prod-eu',
          text: 'The run failed.',
          category: 'backup-alert',
        },
      ],
      clock.now(),
    );
    expect(await deliverOutbox(deps())).toEqual({ sent: 301, failed: 0, emails: 4 });
    const received = smtp.received.slice(before);
    expect(received[0]).toMatchObject({
      to: ['backlog0@example.test'],
      subject: 'Backup failed: db-prod-eu',
    });
    const digest = received.find(
      (email) => email.to[0] === 'backlog1@example.test' && email.subject.includes('100'),
    );
    expect(digest?.subject).toBe('Plumbline: 100 notifications (100 nonconformance)');
    for (const index of [1, 4, 298]) expect(digest?.text).toContain(`NC-${index} raised`);
    const rows = await database.db
      .selectFrom('outbox_messages')
      .select(['status', 'priority'])
      .where('recipient', 'like', 'backlog%')
      .execute();
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['sent']));
    expect(rows.filter((row) => row.priority === 'urgent')).toHaveLength(1);
  });

  it('sends a person at most one bulk e-mail an hour, and the rest in the next one', async () => {
    const email = (subject: string) => ({
      recipient: 'hourly@example.test',
      subject,
      text: subject,
      category: 'overdue',
    });
    await enqueueEmails(database.db, [email('Overdue: first')], clock.now());
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 1, emails: 1 });
    clock.advance(60_000);
    await enqueueEmails(database.db, [email('Overdue: second')], clock.now());
    await enqueueEmails(
      database.db,
      [email('Overdue: third')],
      new Date(clock.now().getTime() + 1),
    );
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 0, emails: 0 });
    clock.advance(BULK_INTERVAL_MS - 60_000);
    const before = smtp.received.length;
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 2, emails: 1 });
    expect(smtp.received.slice(before)).toMatchObject([
      { to: ['hourly@example.test'], subject: 'Plumbline: 2 notifications (2 overdue)' },
    ]);
    expect(smtp.received.at(-1)?.text).toMatch(/1\. Overdue: second[\s\S]*2\. Overdue: third/);
  });
});
