import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupEvaluationJob } from '../../src/modules/backups/backup-evaluation-job.js';
import type {
  BackupIncidentView,
  BackupStatusView,
} from '../../src/modules/backups/backup-status.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const PUBLIC_URL = 'https://plumbline.example.test';
const IT_ALERTS = 'it-alerts@example.test';

/** A production database with its own policy that also alerts the IT mailbox. */
async function backupWorld(start: string) {
  const smtp = new SmtpTestServer();
  await smtp.start();
  const clock = new FixedClock(start);
  const t = await createTestApp({
    clock,
    env: { PLUMBLINE_SMTP_URL: smtp.url, PLUMBLINE_PUBLIC_URL: PUBLIC_URL },
  });
  const admin = await t.tokenFor('admin');
  const engineers = [await t.createUser('engineering'), await t.createUser('engineering')];
  await t.createUser('security');
  const addDatabase = async (
    key: string,
    options: { ownerRole?: string; alertRecipients?: string[] } = {},
  ) => {
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: `Database ${key}`,
      category: 'database',
      environment: 'production',
      ownerRole: options.ownerRole ?? 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(created.statusCode, created.body).toBe(201);
    const policy = await t.call(admin, 'POST', '/api/v1/backup-policies', {
      name: `${key} nightly`,
      scope: { kind: 'asset', asset: key },
      incrementalEvery: 'P1D',
      fullEvery: 'P7D',
      grace: 'PT2H',
      offsiteRequired: false,
      alertRecipients: options.alertRecipients ?? [IT_ALERTS],
    });
    expect(policy.statusCode, policy.body).toBe(201);
  };
  let runNumber = 0;
  /** Posts a run the way a backup job does, through the API. */
  const postRun = async (asset: string, status: 'succeeded' | 'failed', startedAt: Date) => {
    runNumber += 1;
    const response = await t.call(admin, 'POST', '/api/v1/backup-runs', {
      asset,
      tool: 'restic',
      job: 'nightly',
      externalId: `run-${runNumber}`,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 60_000).toISOString(),
      status,
      backupType: 'full',
      encrypted: true,
      region: 'eu-central-1',
      ...(status === 'failed' ? { message: 'repository locked' } : {}),
    });
    expect(response.statusCode).toBe(201);
  };
  const job = backupEvaluationJob(t.ctx, 'instance-a');
  /** One scheduler tick as start.ts orders it: evaluation, then outbox delivery. */
  const tick = async () => {
    await job.run();
    await deliverOutbox(t.ctx);
  };
  const incidents = async (query = '') =>
    (await t.call(admin, 'GET', `/api/v1/backups/incidents?${query}`)).json<{
      items: BackupIncidentView[];
    }>().items;
  return {
    smtp,
    clock,
    t,
    admin,
    engineers,
    addDatabase,
    postRun,
    tick,
    incidents,
    async close() {
      await t.close();
      await smtp.stop();
    },
  };
}

describe('backup alerts within 60 seconds', () => {
  let world: Awaited<ReturnType<typeof backupWorld>>;
  const start = new Date('2026-06-10T08:00:00Z');
  const expectedRecipients = () =>
    [...world.engineers.map((person) => person.email), IT_ALERTS].sort();

  // Every story has its own world: each moves the clock and counts the e-mails sent.
  beforeEach(async () => {
    world = await backupWorld(start.toISOString());
    await world.addDatabase('db-orders');
    await world.postRun('db-orders', 'succeeded', new Date(start.getTime() - 6 * HOUR));
    await world.tick();
  });
  afterEach(() => world.close());

  /** A failed run of db-orders posted, then the tick 55 s later; returns when it was posted. */
  const failedRunAlerted = async (): Promise<number> => {
    world.clock.advance(5_000);
    await world.postRun('db-orders', 'failed', new Date(world.clock.now().getTime() - 60_000));
    const posted = world.clock.now().getTime();
    world.clock.advance(55_000);
    await world.tick();
    return posted;
  };

  it('e-mails the owner role and the policy’s recipients once, within 60 s of a failed run', async () => {
    expect(world.smtp.received).toEqual([]);
    const posted = await failedRunAlerted();
    // Another instance in the same evaluation slot does nothing: the slot was claimed.
    expect(await backupEvaluationJob(world.t.ctx, 'instance-b').run()).toBeNull();
    expect(world.clock.now().getTime() - posted).toBeLessThanOrEqual(60_000);
    const alerts = world.smtp.received;
    expect(alerts.map((mail) => mail.to[0]).sort()).toEqual(expectedRecipients());
    for (const mail of alerts) {
      expect(mail.subject).toBe('Backup alert: db-orders: backup failed');
      expect(mail.text).toContain('repository locked');
      expect(mail.text).toContain(`${PUBLIC_URL}/backups/assets/db-orders`);
    }
    // Two more ticks: the incident is still open, and nobody is told twice.
    world.clock.advance(30_000);
    await world.tick();
    world.clock.advance(30_000);
    await world.tick();
    expect(world.smtp.received).toHaveLength(3);
  });

  it('keeps each alert and its delivery result on the incident as evidence', async () => {
    await failedRunAlerted();
    const [incident] = await world.incidents('status=open');
    expect(incident).toMatchObject({ assetKey: 'db-orders', kind: 'run_failed', closedAt: null });
    expect(incident!.alerts.map((alert) => alert.recipient).sort()).toEqual(expectedRecipients());
    for (const alert of incident!.alerts) {
      expect(alert).toMatchObject({ purpose: 'opened', status: 'sent', attempts: 1 });
      expect(alert.attemptsLog[0]).toMatchObject({ succeeded: true });
    }
  });

  it('sends one recovery e-mail per person when a later backup succeeds, and closes the incident', async () => {
    await failedRunAlerted();
    expect(world.smtp.received).toHaveLength(3);
    world.clock.advance(10 * 60_000);
    await world.postRun('db-orders', 'succeeded', new Date(world.clock.now().getTime() - 120_000));
    world.clock.advance(30_000);
    await world.tick();
    world.clock.advance(30_000);
    await world.tick();
    const recovery = world.smtp.received.slice(3);
    expect(recovery.map((mail) => mail.to[0]).sort()).toEqual(expectedRecipients());
    expect(recovery.every((mail) => mail.subject.startsWith('Backup recovered: db-orders'))).toBe(
      true,
    );
    expect(await world.incidents('status=open')).toEqual([]);
    const [closed] = await world.incidents('status=closed');
    expect(closed!.recoveryRunId).not.toBeNull();
    expect(closed!.alerts.filter((alert) => alert.purpose === 'recovered')).toHaveLength(3);
  });

  it('alerts at the first tick after a window passes without a success', async () => {
    // db-orders was backed up a minute ago: only db-ledger's window passes in this story.
    await world.postRun('db-orders', 'succeeded', new Date(world.clock.now().getTime() - 60_000));
    await world.addDatabase('db-ledger');
    const lastSuccess = new Date(world.clock.now().getTime() - 3 * HOUR);
    await world.postRun('db-ledger', 'succeeded', lastSuccess);
    await world.tick();
    const before = world.smtp.received.length;
    // Frequency (24 h) + grace (2 h) after the recovery point: still within the window.
    world.clock.set(new Date(lastSuccess.getTime() + 26 * HOUR));
    await world.tick();
    expect(world.smtp.received.length).toBe(before);
    world.clock.advance(30_000);
    await world.tick();
    const missed = world.smtp.received.slice(before);
    expect(missed.map((mail) => mail.to[0]).sort()).toEqual(expectedRecipients());
    expect(missed[0]!.subject).toBe('Backup alert: db-ledger: daily backup window missed');
    const status = (
      await world.t.call(world.admin, 'GET', '/api/v1/backups/status')
    ).json<BackupStatusView>();
    expect(status.items.find((item) => item.assetKey === 'db-ledger')).toMatchObject({
      status: 'missed',
      windows: [
        { kind: 'incremental', state: 'missed' },
        { kind: 'full', state: 'ok' },
      ],
    });
  });

  it('alerts an incident nobody could be told about as soon as someone holds the owner role', async () => {
    await world.addDatabase('db-quality', { ownerRole: 'quality', alertRecipients: [] });
    await world.postRun('db-quality', 'failed', new Date(world.clock.now().getTime() - 60_000));
    world.clock.advance(30_000);
    await world.tick();
    const before = world.smtp.received.length;
    const [incident] = await world.incidents('status=open&asset=db-quality');
    expect(incident).toMatchObject({ kind: 'run_failed', alerts: [] });
    const lead = await world.t.createUser('quality');
    world.clock.advance(30_000);
    await world.tick();
    world.clock.advance(30_000);
    await world.tick();
    expect(world.smtp.received.slice(before).map((mail) => mail.to[0])).toEqual([lead.email]);
  });
});
