import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupRunPage,
  BackupRunView,
  RecordBackupRunsResult,
} from '../../src/modules/backups/backup-run.schema.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { backupWriterToken, countStoredRuns, createBackedUpAsset } from '../support/factory.js';

/** A run in Plumbline's JSON shape; each call gets its own external id unless told otherwise. */
let sequence = 0;
function run(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    asset: 'db-prod-eu',
    tool: 'pg_dump',
    job: 'nightly',
    externalId: `run-${sequence}`,
    startedAt: `2026-11-${String((sequence % 28) + 1).padStart(2, '0')}T01:00:00Z`,
    finishedAt: `2026-11-${String((sequence % 28) + 1).padStart(2, '0')}T01:10:00Z`,
    status: 'succeeded',
    backupType: 'full',
    sizeBytes: 1024 * sequence,
    encrypted: true,
    region: 'eu-west-1',
    ...overrides,
  };
}

async function createBackupAssets(t: TestApp, token: string): Promise<void> {
  await createBackedUpAsset(t, token, { key: 'db-prod-eu', category: 'database' });
  await createBackedUpAsset(t, token, { key: 'app-prod-01', category: 'server' });
  await createBackedUpAsset(t, token, { key: 'fileserver-01', category: 'storage' });
}

describe('recording backup runs', () => {
  let t: TestApp;
  let admin: string;
  let writer: string;
  let viewer: string;

  const post = (body: unknown, token = writer) =>
    t.call(token, 'POST', '/api/v1/backup-runs', body);
  const recordedEvents = async () =>
    (
      await t.ctx.db
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'backup-runs.recorded')
        .execute()
    ).length;
  const storedRuns = () => countStoredRuns(t);
  const issuesOf = (response: LightMyRequestResponse) =>
    response.json<ErrorBody>().error.issues?.map((issue) => issue.path);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    viewer = await t.tokenFor('viewer');
    writer = await backupWriterToken(t);
    await createBackupAssets(t, admin);
  });
  afterAll(() => t.close());

  it('records one run posted on its own, and shows it to readers', async () => {
    const single = run({ recoveryPointId: 'snap-1', message: null });
    const response = await post(single);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<RecordBackupRunsResult>()).toEqual({
      received: 1,
      created: 1,
      alreadyRecorded: 0,
      conflictCount: 0,
      conflicts: [],
    });
    const page = (
      await t.call(viewer, 'GET', `/api/v1/backup-runs?tool=pg_dump&limit=1`)
    ).json<BackupRunPage>();
    const stored = page.items[0]!;
    expect(stored).toMatchObject({
      assetKey: 'db-prod-eu',
      externalId: single.externalId,
      status: 'succeeded',
      sizeBytes: single.sizeBytes,
      recoveryPointId: 'snap-1',
      // Without its own recovery point instant, a run captured the data as it started.
      recoveryPointAt: new Date(single.startedAt as string).toISOString(),
      recordedBy: 'token:nightly-backup-job',
    });
    const one = await t.call(viewer, 'GET', `/api/v1/backup-runs/${stored.id}`);
    expect(one.json<BackupRunView>()).toEqual(stored);
  });

  it('records a batch with one audit entry, and stores nothing twice when it is posted again', async () => {
    const runs = [
      run(),
      run({ status: 'failed', message: 'disk full' }),
      run({ asset: 'app-prod-01' }),
    ];
    const eventsBefore = await recordedEvents();
    const first = await post({ runs });
    expect(first.statusCode).toBe(201);
    expect(first.json<RecordBackupRunsResult>()).toMatchObject({ received: 3, created: 3 });
    expect(await recordedEvents()).toBe(eventsBefore + 1);
    const entry = await t.ctx.db
      .selectFrom('audit_events')
      .select(['after', 'actor_label'])
      .where('action', '=', 'backup-runs.recorded')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_label).toBe('token:nightly-backup-job');
    expect(entry.after).toMatchObject({
      created: 3,
      tools: ['pg_dump'],
      firstExternalId: runs[0]!.externalId,
      lastExternalId: runs[2]!.externalId,
    });

    const storedBefore = await storedRuns();
    const again = await post({ runs });
    expect(again.statusCode).toBe(200);
    expect(again.json<RecordBackupRunsResult>()).toEqual({
      received: 3,
      created: 0,
      alreadyRecorded: 3,
      conflictCount: 0,
      conflicts: [],
    });
    expect(await storedRuns()).toBe(storedBefore);
    // Nothing changed, so nothing was audited.
    expect(await recordedEvents()).toBe(eventsBefore + 1);
  });

  it('stores a run repeated within one batch once', async () => {
    const repeated = run();
    const response = await post({ runs: [repeated, repeated] });
    expect(response.json<RecordBackupRunsResult>()).toMatchObject({
      received: 2,
      created: 1,
      alreadyRecorded: 1,
    });
  });

  it('reports a run re-posted with different content as a conflict and keeps the stored one', async () => {
    const original = run();
    await post(original);
    const changed = { ...original, status: 'failed', sizeBytes: 1 };
    const response = await post({ runs: [run(), changed] });
    expect(response.statusCode).toBe(201);
    const result = response.json<RecordBackupRunsResult>();
    expect(result).toMatchObject({ received: 2, created: 1, alreadyRecorded: 0, conflictCount: 1 });
    expect(result.conflicts).toEqual([
      {
        index: 1,
        line: null,
        tool: 'pg_dump',
        externalId: original.externalId,
        storedRunId: expect.any(String) as string,
        fields: ['status', 'sizeBytes'],
      },
    ]);
    const stored = await t.call(
      viewer,
      'GET',
      `/api/v1/backup-runs/${result.conflicts[0]!.storedRunId}`,
    );
    expect(stored.json<BackupRunView>()).toMatchObject({
      status: 'succeeded',
      sizeBytes: original.sizeBytes,
    });
  });

  it('names each invalid field by its path', async () => {
    const batch = await post({
      runs: [run(), run({ status: 'exploded', startedAt: 'yesterday' })],
    });
    expect(batch.statusCode).toBe(400);
    expect(issuesOf(batch)).toEqual(['body.runs.1.startedAt', 'body.runs.1.status']);
    const single = await post(run({ tool: undefined, finishedAt: '2026-10-01T00:00:00Z' }));
    expect(single.statusCode).toBe(400);
    expect(issuesOf(single)).toEqual(expect.arrayContaining(['body.tool']));
    expect((await post({ runs: [] })).statusCode).toBe(400);
    expect(issuesOf(await post([1, 2]))).toEqual(['body']);
  });

  it('refuses more than 10,000 runs in one request', async () => {
    const runs = Array.from({ length: 10_001 }, (_, index) => ({
      asset: 'db-prod-eu',
      tool: 'bulk',
      externalId: `bulk-${index}`,
      startedAt: '2026-11-01T00:00:00Z',
      status: 'succeeded',
    }));
    const response = await post({ runs });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response)).toEqual(['body.runs']);
  });

  it('refuses the whole batch when one run names an unknown asset', async () => {
    const before = await storedRuns();
    const response = await post({ runs: [run(), run(), run({ asset: 'no-such-asset' })] });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'body.runs.2.asset', message: 'no asset has the key "no-such-asset"' }],
    });
    expect(await storedRuns()).toBe(before);
    const single = await post(run({ asset: 'nowhere' }));
    expect(issuesOf(single)).toEqual(['body.asset']);
  });

  it('lets a backup-writer token post runs and read nothing', async () => {
    const forbidden = [
      ['GET', '/api/v1/backup-runs'],
      ['GET', '/api/v1/assets'],
      ['GET', '/api/v1/audit/events'],
      ['POST', '/api/v1/assets'],
    ] as const;
    for (const [method, url] of forbidden) {
      const response = await t.call(writer, method, url, method === 'POST' ? {} : undefined);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
    }
    // Readers cannot post runs.
    expect((await post(run(), viewer)).statusCode).toBe(403);
  });

  it('refuses to give the backup-writer role to a person', async () => {
    const response = await t.call(admin, 'POST', '/api/v1/users', {
      email: 'job@example.test',
      name: 'Job',
      role: 'backup-writer',
      password: 'correct horse battery',
    });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response)).toEqual(['body.role']);
  });

  it('lists runs newest first, filtered, a page at a time', async () => {
    const key = 'fileserver-01';
    const runs = Array.from({ length: 5 }, (_, index) =>
      run({
        asset: key,
        tool: 'rsync',
        startedAt: `2026-10-0${index + 1}T22:00:00Z`,
        finishedAt: null,
        status: index === 2 ? 'failed' : 'succeeded',
      }),
    );
    expect((await post({ runs })).statusCode).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `asset=${key}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: BackupRunPage = (
        await t.call(viewer, 'GET', `/api/v1/backup-runs?${query}`)
      ).json<BackupRunPage>();
      seen.push(...page.items.map((item) => item.startedAt.slice(0, 10)));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['2026-10-05', '2026-10-04', '2026-10-03', '2026-10-02', '2026-10-01']);

    const failed = await t.call(viewer, 'GET', `/api/v1/backup-runs?asset=${key}&status=failed`);
    expect(failed.json<BackupRunPage>().items.map((item) => item.startedAt)).toEqual([
      '2026-10-03T22:00:00.000Z',
    ]);
    const window = await t.call(
      viewer,
      'GET',
      `/api/v1/backup-runs?asset=${key}&from=2026-10-02T00:00:00Z&to=2026-10-04T00:00:00Z`,
    );
    expect(window.json<BackupRunPage>().items).toHaveLength(2);
    const badCursor = await t.call(viewer, 'GET', '/api/v1/backup-runs?cursor=nonsense');
    expect(issuesOf(badCursor)).toEqual(['querystring.cursor']);
    const missing = await t.call(
      viewer,
      'GET',
      '/api/v1/backup-runs/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.statusCode).toBe(404);
  });
});
