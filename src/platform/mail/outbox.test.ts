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
    expect(await deliverOutbox(deps())).toEqual({ sent: 1, failed: 0 });
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
    expect(await deliverOutbox(deps())).toEqual({ sent: 0, failed: 1 });
    const waiting = await database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('subject', '=', 'Escalation: patching overdue')
      .executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.last_error).not.toBeNull();
    expect(waiting.available_at.getTime()).toBe(clock.now().getTime() + retryDelayMs(1));

    // Not yet due for retry: nothing is attempted.
    expect(await deliverOutbox(deps())).toEqual({ sent: 0, failed: 0 });

    await smtp.start();
    clock.advance(retryDelayMs(1));
    expect(await deliverOutbox(deps())).toEqual({ sent: 1, failed: 0 });
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
});
