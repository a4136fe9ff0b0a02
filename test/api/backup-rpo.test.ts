import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupAssetDetailView,
  BackupAssetStatusView,
  BackupStatusView,
} from '../../src/modules/backups/backup-status.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { plumbline } from '../cli/cli-harness.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createBackedUpAsset } from '../support/factory.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * One achieved RPO everywhere (docs/backups-rpo.md): monitoring began twelve minutes before the
 * instant asked about, as it does right after an upgrade, yet each asset's 30-day RPO is measured
 * from its own recovery points, and the status list, the asset page, the API and the CLI show the
 * same figure in the same words.
 */
describe('the RPO achieved over 30 days, the same on every surface', () => {
  let t: TestApp;
  let admin: string;
  let url: string;
  // The assets (and so the start of monitoring) are created at 12:00; the status is read at 12:12.
  const clock = new FixedClock('2026-06-30T12:00:00Z');
  const now = '2026-06-30T12:12:00.000Z';

  /** Daily successful runs at 02:00 UTC from `first` to `last` (dates), recorded in one batch. */
  const dailyRuns = async (asset: string, first: string, last: string) => {
    const runs = [];
    for (
      let day = Date.parse(`${first}T02:00:00Z`);
      day <= Date.parse(`${last}T02:00:00Z`);
      day += DAY
    ) {
      const startedAt = new Date(day);
      runs.push({
        asset,
        tool: 'pgbackrest',
        job: 'main',
        externalId: `${asset}-${startedAt.toISOString()}`,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date(day + 20 * 60_000).toISOString(),
        status: 'succeeded',
        backupType: 'full',
        encrypted: true,
        region: 'eu-central-1',
      });
    }
    const response = await t.call(admin, 'POST', '/api/v1/backup-runs', { runs });
    expect(response.statusCode, response.body).toBe(201);
  };

  const apiStatus = async () => {
    const response = await t.call(admin, 'GET', '/api/v1/backups/status');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<BackupStatusView>();
  };
  const item = (view: BackupStatusView, key: string): BackupAssetStatusView => {
    const found = view.items.find((candidate) => candidate.assetKey === key);
    expect(found, key).toBeDefined();
    return found!;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    for (const key of ['db-primary', 'db-replica', 'db-never', 'db-recent']) {
      await createBackedUpAsset(t, admin, { key, category: 'database' });
    }
    // Backfilled history: the primary backs up every night; the replica stopped three days ago.
    await dailyRuns('db-primary', '2026-05-20', '2026-06-30');
    await dailyRuns('db-replica', '2026-05-20', '2026-06-27');
    // Backed up only since yesterday, all of it before monitoring began.
    await dailyRuns('db-recent', '2026-06-29', '2026-06-30');
    clock.set(now);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('measures each asset from its own recovery points, not from the start of monitoring', async () => {
    const view = await apiStatus();
    // Nightly points: the largest exposure is a whole day between two nights (target PT24H: met).
    expect(item(view, 'db-primary').rpoLast30Days).toMatchObject({
      state: 'met',
      achievedMs: DAY,
      achieved: '1 d',
      target: '1 d',
      met: true,
      from: '2026-05-31T12:12:00.000Z',
      to: now,
    });
    // The replica's last point is 27 June 02:00: 3 days 10 hours 12 minutes without one by 12:12.
    expect(item(view, 'db-replica').rpoLast30Days).toMatchObject({
      state: 'not_met',
      achievedMs: 3 * DAY + 10 * HOUR + 12 * 60_000,
      achieved: '3 d 10 h',
      met: false,
      worstGap: { from: '2026-06-27T02:00:00.000Z', to: now },
    });
    expect(item(view, 'db-replica').status).not.toBe('ok');
    // No point before the 30 days: counted from the last point before monitoring began.
    expect(item(view, 'db-recent').rpoLast30Days).toMatchObject({
      state: 'met',
      achievedMs: 10 * HOUR + 12 * 60_000,
      achieved: '10 h 12 min',
      worstGap: { from: '2026-06-30T02:00:00.000Z', to: now },
    });
  });

  it('shows an asset that never had a successful run as no evidence, never OK', async () => {
    const view = await apiStatus();
    expect(item(view, 'db-never')).toMatchObject({
      status: 'no_evidence',
      lastSuccessAt: null,
      rpoLast30Days: {
        state: 'no_evidence',
        achievedMs: null,
        achieved: 'no evidence',
        met: false,
        worstGap: null,
        recoveryPoints: 0,
      },
    });
    expect(view.counts.no_evidence).toBe(1);
    expect(view.counts.ok).toBe(2);
  });

  it('gives the asset page the very figure of the status list for the same 30 days', async () => {
    const view = await apiStatus();
    for (const key of ['db-primary', 'db-replica', 'db-never', 'db-recent']) {
      const response = await t.call(admin, 'GET', `/api/v1/backups/assets/${key}`);
      expect(response.statusCode, response.body).toBe(200);
      const detail = response.json<BackupAssetDetailView>();
      expect(detail.rpo, key).toEqual(item(view, key).rpoLast30Days);
      expect(detail.status.rpoLast30Days, key).toEqual(item(view, key).rpoLast30Days);
    }
  });

  it('prints the same figure in the CLI, as JSON and as the table', async () => {
    const view = await apiStatus();
    const json = await plumbline(['--url', url, '--token', admin, '--json', 'backups', 'status']);
    expect(json.code, json.stderr).toBe(0);
    const printed = JSON.parse(json.stdout) as BackupStatusView;
    for (const key of ['db-primary', 'db-replica', 'db-never']) {
      expect(item(printed, key).rpoLast30Days, key).toEqual(item(view, key).rpoLast30Days);
      expect(item(printed, key).status, key).toBe(item(view, key).status);
    }

    const table = await plumbline(['--url', url, '--token', admin, 'backups', 'status']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('1 no_evidence');
    const row = (key: string) => table.stdout.split('\n').find((line) => line.startsWith(key));
    // The web page's badge reads "<achieved> of <target>" from the same response fields.
    expect(row('db-primary')).toContain('1 d of 1 d');
    expect(row('db-replica')).toContain('3 d 10 h of 1 d');
    expect(row('db-never')).toContain('no evidence of 1 d');
    expect(row('db-never')).toContain('no_evidence');
  });

  it('measures an explicit period from the latest point before it', async () => {
    const detail = async (key: string, query: string) => {
      const response = await t.call(admin, 'GET', `/api/v1/backups/assets/${key}?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<BackupAssetDetailView>().rpo;
    };
    // No point inside the period: the exposure runs from 27 June 02:00 to its end.
    expect(await detail('db-replica', 'from=2026-06-29T00:00:00Z')).toMatchObject({
      state: 'not_met',
      achievedMs: 3 * DAY + 10 * HOUR + 12 * 60_000,
      recoveryPoints: 0,
      worstGap: { from: '2026-06-27T02:00:00.000Z', to: now },
    });
    // The gap that crosses the period's start counts whole: 28 June 02:00 to 29 June 02:00.
    expect(await detail('db-primary', 'from=2026-06-29T00:00:00Z')).toMatchObject({
      state: 'met',
      achievedMs: DAY,
      recoveryPoints: 2,
      worstGap: { from: '2026-06-28T02:00:00.000Z', to: '2026-06-29T02:00:00.000Z' },
    });
    // As the records stood at the end of a past period: these runs were only recorded today.
    expect(
      await detail('db-primary', 'from=2026-06-28T00:00:00Z&to=2026-06-29T00:00:00Z'),
    ).toMatchObject({ state: 'no_evidence', achievedMs: null });
  });
});
