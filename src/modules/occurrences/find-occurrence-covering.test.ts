import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { FixedClock } from '../../platform/clock.js';
import { findOccurrenceCovering } from './find-occurrence-covering.js';
import { generateOccurrences } from './generate-occurrences.js';
import { recordOccurrenceEvent } from './record-occurrence-event.js';

describe('the occurrence covering an instant', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-03-10T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const admin = await t.tokenFor('admin');
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-1',
      name: 'Database 1',
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(created.statusCode, created.body).toBe(201);
    await generateOccurrences(t.ctx, {
      from: new Date('2026-03-01T00:00:00Z'),
      until: new Date('2026-03-20T00:00:00Z'),
    });
  });
  afterAll(() => t.close());

  it('finds the daily occurrence of the asset whose period holds the instant, with dates', async () => {
    const instant = new Date('2026-03-05T13:30:00Z');
    const found = await findOccurrenceCovering(t.ctx, {
      control: 'backup-daily-production',
      asset: 'db-1',
      instant,
    });
    expect(found).not.toBeNull();
    expect(found!.controlKey).toBe('backup-daily-production');
    expect(found!.assetKey).toBe('db-1');
    expect(found!.opensAt).toBeInstanceOf(Date);
    expect(found!.opensAt.getTime()).toBeLessThanOrEqual(instant.getTime());
    expect(found!.dueAt.getTime()).toBeGreaterThan(instant.getTime());
    // The organisation's time zone is Europe/Berlin: the day starts at 23:00 UTC the day before.
    expect(found!.periodKey).toContain('2026-03-05');
    expect(found!.status).toBe('missed');
  });

  it('reports the status at the instant asked for, from the events recorded by then', async () => {
    const found = await findOccurrenceCovering(t.ctx, {
      control: 'backup-daily-production',
      asset: 'db-1',
      instant: new Date('2026-03-10T10:00:00Z'),
    });
    expect(found!.status).toBe('due');
    await mutate(t.ctx, systemActor, (tx) =>
      recordOccurrenceEvent(tx, found!.id, 'completed', { note: 'ran' }),
    );
    const before = await findOccurrenceCovering(t.ctx, {
      control: 'backup-daily-production',
      asset: 'db-1',
      instant: new Date('2026-03-10T10:00:00Z'),
      statusAt: new Date('2026-03-10T08:00:00Z'),
    });
    expect(before!.status).not.toBe('done');
    const now = await findOccurrenceCovering(t.ctx, {
      control: 'backup-daily-production',
      asset: 'db-1',
      instant: new Date('2026-03-10T10:00:00Z'),
    });
    expect(now!.id).toBe(found!.id);
    expect(now!.status).toBe('done');
  });

  it('answers null when no occurrence holds the instant', async () => {
    expect(
      await findOccurrenceCovering(t.ctx, {
        control: 'backup-daily-production',
        asset: 'db-1',
        instant: new Date('2027-01-01T00:00:00Z'),
      }),
    ).toBeNull();
    expect(
      await findOccurrenceCovering(t.ctx, {
        control: 'backup-daily-production',
        asset: 'no-such-asset',
        instant: new Date('2026-03-05T12:00:00Z'),
      }),
    ).toBeNull();
  });
});
