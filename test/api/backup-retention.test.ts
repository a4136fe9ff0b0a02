import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { ImportBackupRunsResult } from '../../src/modules/backups/backup-run.schema.js';
import type {
  BackupAssetStatusView,
  BackupStatusView,
} from '../../src/modules/backups/backup-status.schema.js';
import type { Soc2A12Page } from '../../src/modules/recovery/soc2-a12.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { backupWriterToken, createBackedUpAsset } from '../support/factory.js';

const DAY = 86_400_000;

/** `restic snapshots --json` with one snapshot per day, `days` ago (ids derived from asset and day). */
function resticListing(clock: FixedClock, asset: string, days: number[]): string {
  const hex = (text: string) => Buffer.from(text).toString('hex').padEnd(64, '0').slice(0, 64);
  return JSON.stringify(
    days.map((daysAgo) => {
      const time = new Date(clock.now().getTime() - daysAgo * DAY).toISOString();
      const id = hex(`${asset}/${time}`);
      return {
        time,
        tree: hex('tree'),
        paths: ['/srv'],
        hostname: asset,
        tags: ['nightly'],
        id,
        short_id: id.slice(0, 8),
      };
    }),
  );
}

describe('retention checked from snapshot listings', () => {
  let t: TestApp;
  let admin: string;
  let writer: string;
  const clock = new FixedClock('2026-06-30T12:00:00Z');

  const importListing = (
    asset: string,
    body: string,
    extra = '',
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/backup-runs/import?format=restic&asset=${asset}${extra}`,
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const statusOf = async (asset: string): Promise<BackupAssetStatusView> => {
    const status = (await t.call(admin, 'GET', '/api/v1/backups/status')).json<BackupStatusView>();
    const item = status.items.find((candidate) => candidate.assetKey === asset);
    if (!item) throw new Error(`${asset} is under no policy`);
    return item;
  };
  const everyDay = (from: number, to: number) =>
    Array.from({ length: from - to + 1 }, (_, index) => from - index + 0.5);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    writer = await backupWriterToken(t);
    await createBackedUpAsset(t, admin, { key: 'db-kept', category: 'database' });
    await createBackedUpAsset(t, admin, { key: 'db-pruned', category: 'database' });
    await createBackedUpAsset(t, admin, { key: 'db-unlisted', category: 'database' });
    await createBackedUpAsset(t, admin, { key: 'db-dry', category: 'database' });
    await createBackedUpAsset(t, admin, {
      key: 'cfg-repo',
      category: 'application',
      tags: ['configuration'],
    });
    // The assets were registered 60 days ago (their first backups are that old).
    clock.advance(60 * DAY);
  });
  afterAll(() => t.close());

  it('has nothing to judge before a listing is imported', async () => {
    expect((await statusOf('db-unlisted')).retention).toMatchObject({
      state: 'no_listing',
      retention: 'P30D',
      listedAt: null,
    });
  });

  it('meets a 30-day retention when the listing reaches back 30 days', async () => {
    const response = await importListing(
      'db-kept',
      resticListing(clock, 'db-kept', everyDay(59, 0)),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ImportBackupRunsResult>()).toMatchObject({ created: 60 });
    const kept = await statusOf('db-kept');
    expect(kept.retention).toMatchObject({
      state: 'met',
      tool: 'restic',
      pointCount: 60,
      listedAt: clock.now().toISOString(),
    });
    const audit = (
      await t.call(admin, 'GET', '/api/v1/audit/events?action=backup-points.listed')
    ).json<{ items: AuditEventView[] }>().items;
    expect(audit.map((event) => event.action)).toContain('backup-points.listed');
  });

  it('flags points pruned before the retention: oldest point and required oldest point', async () => {
    // Sixty days of runs were recorded; a later listing shows only the last ten days.
    await importListing('db-pruned', resticListing(clock, 'db-pruned', everyDay(59, 0)));
    clock.advance(DAY);
    const response = await importListing(
      'db-pruned',
      resticListing(clock, 'db-pruned', everyDay(9, 0)),
    );
    // The ten points are runs already recorded: nothing new, but the listing itself is recorded.
    expect(response.json<ImportBackupRunsResult>()).toMatchObject({
      created: 0,
      alreadyRecorded: 10,
    });
    const pruned = await statusOf('db-pruned');
    const oldest = new Date(clock.now().getTime() - 9.5 * DAY).toISOString();
    const required = new Date(clock.now().getTime() - 29 * DAY).toISOString();
    expect(pruned.retention).toMatchObject({
      state: 'not_met',
      retention: 'P30D',
      oldestPointAt: oldest,
      requiredOldestPointAt: required,
      pointCount: 10,
    });
    expect(pruned.status).not.toBe('ok');
    const page = (await t.call(admin, 'GET', '/api/v1/soc2/a1-2')).json<Soc2A12Page>();
    expect(page.evidence.backups.retention.assetsNotMet).toContainEqual({
      assetKey: 'db-pruned',
      retention: 'P30D',
      listedAt: clock.now().toISOString(),
      oldestPointAt: oldest,
      requiredOldestPointAt: required,
    });
  });

  it('never flags configuration, kept indefinitely, for a young oldest point', async () => {
    await importListing('cfg-repo', resticListing(clock, 'cfg-repo', [0.2, 0.1]));
    expect((await statusOf('cfg-repo')).retention).toMatchObject({
      state: 'met',
      retention: 'indefinite',
      requiredOldestPointAt: null,
    });
  });

  it('records no listing on a dry run', async () => {
    const listed = await importListing('db-dry', resticListing(clock, 'db-dry', [2.5, 1.5]));
    expect(listed.statusCode, listed.body).toBe(201);
    const before = (await statusOf('db-dry')).retention.listedAt;
    expect(before).not.toBeNull();
    clock.advance(DAY);
    const response = await importListing(
      'db-dry',
      resticListing(clock, 'db-dry', [1.5, 0.5]),
      '&dryRun=true',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect((await statusOf('db-dry')).retention.listedAt).toBe(before);
  });
});
