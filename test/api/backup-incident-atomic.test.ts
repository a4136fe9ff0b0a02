import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBackups } from '../../src/modules/backups/evaluate-backups.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A missed backup window opens an incident and starts the 24-hour failure-response SLA. The two
 * are written in one transaction: a failure between them leaves neither, and the next evaluation
 * writes both. The failure is a real one, raised by the database on the second write.
 */
describe('a backup incident and its response deadline commit together', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-06-08T06:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const admin = await t.tokenFor('admin');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-atomic',
      name: 'Database that stops backing up',
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(asset.statusCode, asset.body).toBe(201);
    const run = await t.call(admin, 'POST', '/api/v1/backup-runs', {
      asset: 'db-atomic',
      tool: 'pgbackrest',
      job: 'main',
      externalId: 'last-good-run',
      startedAt: '2026-06-08T01:00:00Z',
      finishedAt: '2026-06-08T01:20:00Z',
      status: 'succeeded',
      backupType: 'full',
      encrypted: true,
      region: 'eu-central-1',
    });
    expect(run.statusCode, run.body).toBe(201);
  });
  afterAll(() => t.close());

  const incidents = () => t.ctx.db.selectFrom('backup_incidents').select(['id', 'kind']).execute();
  const responseTriggers = () =>
    t.ctx.db
      .selectFrom('trigger_events')
      .select(['id', 'external_id'])
      .where('type', '=', 'backup-job-failed')
      .execute();

  it('writes neither when the trigger cannot be written, and both on the next evaluation', async () => {
    await sql`create function refuse_trigger_events() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure between the incident and its trigger'; end $$`.execute(
      t.ctx.db,
    );
    await sql`create trigger refuse_trigger_events before insert on trigger_events
      for each row execute function refuse_trigger_events()`.execute(t.ctx.db);

    clock.set('2026-06-10T12:00:00Z');
    await expect(evaluateBackups(t.ctx)).rejects.toThrow(/simulated failure/);
    expect(await incidents()).toEqual([]);
    expect(await responseTriggers()).toEqual([]);

    await sql`drop trigger refuse_trigger_events on trigger_events`.execute(t.ctx.db);
    clock.advance(60_000);
    await evaluateBackups(t.ctx);
    const opened = await incidents();
    expect(opened.length).toBeGreaterThan(0);
    const triggers = await responseTriggers();
    expect(triggers.map((trigger) => trigger.external_id).sort()).toEqual(
      opened.map((incident) => `backup-incident:${incident.id}`).sort(),
    );
    const deadlines = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select(['occurrences.trigger_event_id'])
      .where('controls.key', '=', 'backup-failure-response-24h')
      .execute();
    expect(deadlines.map((row) => row.trigger_event_id).sort()).toEqual(
      triggers.map((trigger) => trigger.id).sort(),
    );

    // Evaluating again records nothing twice.
    clock.advance(60_000);
    await evaluateBackups(t.ctx);
    expect(await incidents()).toHaveLength(opened.length);
    expect(await responseTriggers()).toHaveLength(triggers.length);
  });
});
