import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodicJobs } from '../../src/app/start.js';
import { loadDemoOrganisation } from '../../src/modules/demo/load-demo.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { PeriodicJob } from '../../src/platform/jobs/scheduler.js';
import { BULK_INTERVAL_MS } from '../../src/platform/mail/outbox-priority.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const START = new Date('2026-11-23T09:00:00Z');
const TEN_MINUTES = 10 * 60_000;
const FAILED_RUN_AT = new Date(START.getTime() + 60_000);

/**
 * Issue 12 measured on the demo: with SMTP set, ~700 e-mails in six minutes, and a backup failure
 * alert waiting behind them for more than five minutes. Here the demo is loaded, SMTP is the
 * in-process server, and every periodic job runs on each scheduler tick of a controlled clock for
 * ten minutes, with a failed run of db-prod-eu posted after one minute.
 */
describe('notifications at human scale on the demo organisation', () => {
  const smtp = new SmtpTestServer();
  const clock = new FixedClock(START);
  let t: TestApp;
  let jobs: PeriodicJob[];
  /** When (clock time) each received e-mail arrived: index in smtp.received → instant. */
  const receivedAt: Date[] = [];

  const tick = async () => {
    for (const job of jobs) await job.run();
    while (receivedAt.length < smtp.received.length) receivedAt.push(clock.now());
  };

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      clock,
      env: { PLUMBLINE_SMTP_URL: smtp.url, PLUMBLINE_PUBLIC_URL: 'https://plumbline.example.test' },
    });
    await loadDemoOrganisation(t.ctx);
    jobs = periodicJobs(t.ctx);
    const admin = await t.tokenFor('admin');
    const tickMs = t.config.schedulerTickSeconds * 1000;
    while (clock.now().getTime() < START.getTime() + TEN_MINUTES) {
      if (clock.now().getTime() === FAILED_RUN_AT.getTime()) {
        const posted = await t.call(admin, 'POST', '/api/v1/backup-runs', {
          asset: 'db-prod-eu',
          tool: 'pgbackrest',
          job: 'main',
          externalId: 'issue-12-failed-run',
          startedAt: new Date(FAILED_RUN_AT.getTime() - 30 * 60_000).toISOString(),
          finishedAt: new Date(FAILED_RUN_AT.getTime() - 5_000).toISOString(),
          status: 'failed',
          backupType: 'full',
          encrypted: true,
          region: 'eu-west-1',
          message: 'archive-push: WAL segment could not be stored',
        });
        expect(posted.statusCode, posted.body).toBe(201);
      }
      await tick();
      clock.advance(tickMs);
    }
  }, 600_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const sentRows = () =>
    t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient', 'category', 'priority', 'subject', 'sent_at', 'provider_message_id'])
      .where('status', '=', 'sent')
      .execute();

  it('sends each person at most one e-mail of bulk notifications in the first ten minutes, listing every item', async () => {
    const rows = await sentRows();
    const bulk = rows.filter((row) => row.priority === 'bulk');
    const emailsByPerson = new Map<string, Set<string>>();
    for (const row of bulk) {
      expect(row.sent_at!.getTime() - START.getTime()).toBeLessThan(BULK_INTERVAL_MS);
      const emails = emailsByPerson.get(row.recipient) ?? new Set();
      emailsByPerson.set(row.recipient, emails.add(row.provider_message_id!));
    }
    // A backlog is there (the consistent demo raises far fewer than the 500, still more
    // notifications than people), and it went out grouped: fewer e-mails than notifications.
    expect(bulk.length).toBeGreaterThan(20);
    expect(emailsByPerson.size).toBeLessThan(bulk.length);
    for (const [person, emails] of emailsByPerson) {
      expect(emails.size, person).toBe(1);
      const received = smtp.received.filter(
        (mail) =>
          mail.to.includes(person) &&
          !rows.some((row) => row.priority === 'urgent' && row.subject === mail.subject),
      );
      expect(received, person).toHaveLength(1);
      const items = bulk.filter((candidate) => candidate.recipient === person);
      // One item goes as itself; several go as one digest listing every one.
      if (items.length === 1) expect(received[0]!.subject).toBe(items[0]!.subject);
      else for (const row of items) expect(received[0]!.text).toContain(row.subject);
    }
    const urgentEmails = new Set(
      rows.filter((row) => row.priority === 'urgent').map((row) => row.provider_message_id),
    );
    expect(smtp.received).toHaveLength(emailsByPerson.size + urgentEmails.size);
    // Nothing is left waiting that the hour allowed to go.
    const waiting = await t.ctx.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('priority', '=', 'urgent')
      .where('status', '!=', 'sent')
      .execute();
    expect(waiting).toEqual([]);
  });

  it('delivers the backup failure alert posted into the backlog within 60 s', async () => {
    const alerts = (await sentRows()).filter(
      (row) => row.category === 'backup-alert' && row.subject.includes('db-prod-eu:'),
    );
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(alert.sent_at!.getTime() - FAILED_RUN_AT.getTime()).toBeLessThanOrEqual(60_000);
      const index = smtp.received.findIndex(
        (mail) => mail.subject === alert.subject && mail.to.includes(alert.recipient),
      );
      expect(index).toBeGreaterThanOrEqual(0);
      expect(receivedAt[index]!.getTime() - FAILED_RUN_AT.getTime()).toBeLessThanOrEqual(60_000);
    }
  });
});
