import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupRunPage,
  ImportBackupRunsResult,
} from '../../src/modules/backups/backup-run.schema.js';
import { importBackupRuns } from '../../src/modules/backups/import-backup-runs.js';
import type { BackupImportFormat } from '../../src/modules/backups/parsers/index.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { fixturePath } from '../fixtures/backups/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { backupWriterToken, countStoredRuns, createBackedUpAsset } from '../support/factory.js';

const AWS_ARNS = [
  'arn:aws:rds:eu-central-1:481516234200:db:orders-prod',
  'arn:aws:ec2:eu-central-1:481516234200:volume/vol-0a1b2c3d4e5f60718',
  'arn:aws:dynamodb:eu-central-1:481516234200:table/sessions',
  'arn:aws:elasticfilesystem:eu-central-1:481516234200:file-system/fs-0123456789abcdef0',
  'arn:aws:ec2:eu-central-1:481516234200:instance/i-0ab12cd34ef567890',
];
const UNMAPPED_ARN =
  'arn:aws:cloudformation:eu-central-1:481516234200:stack/payments/4f1e2d3c-0b9a-11ef-8a7b-06c5d4e3f2a1';

/** Each format's complete fixture, how the runs find their asset, and how many runs it holds. */
const FORMATS: { format: BackupImportFormat; fixture: string; asset?: string; runs: number }[] = [
  // Each line names its asset.
  { format: 'plumbline', fixture: 'plumbline/runs.ndjson', runs: 3 },
  { format: 'restic', fixture: 'restic/backup-succeeded.jsonl', asset: 'app-prod-01', runs: 1 },
  { format: 'restic', fixture: 'restic/snapshots.json', asset: 'app-prod-01', runs: 2 },
  // The stanza "main" is db-prod-eu's configuration reference.
  { format: 'pgbackrest', fixture: 'pgbackrest/info.json', runs: 3 },
  // Resource ARNs are the AWS assets' configuration references.
  { format: 'aws-backup', fixture: 'aws-backup/list-backup-jobs.json', runs: 6 },
  { format: 'velero', fixture: 'velero/backup-list.json', asset: 'k8s-prod', runs: 5 },
];

/**
 * An app with a backup-writer token and the assets each format's fixture maps to: by key, by
 * configuration reference (pgBackRest's stanza, the AWS resource ARNs), and payments-stack,
 * unless `withoutPaymentsStack` leaves the last AWS job's stack without an asset.
 */
async function importWorld(options: { withoutPaymentsStack?: boolean } = {}) {
  const t = await createTestApp();
  const admin = await t.tokenFor('admin');
  const viewer = await t.tokenFor('viewer');
  const writer = await backupWriterToken(t);
  function importOutput(
    body: Buffer | string | Readable,
    query: string,
    options: { token?: string; contentType?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const contentType =
      options.contentType === undefined ? 'application/octet-stream' : options.contentType;
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/backup-runs/import?${query}`,
      headers: {
        authorization: `Bearer ${options.token ?? writer}`,
        ...(contentType === null ? {} : { 'content-type': contentType }),
      },
      payload: body,
    });
  }
  const fixture = (name: string) => fs.createReadStream(fixturePath(name), { highWaterMark: 256 });
  const storedRuns = () => countStoredRuns(t);
  const auditEvents = async () =>
    (await t.ctx.db.selectFrom('audit_events').select('seq').execute()).length;

  const createAsset = (key: string, configurationReference = '', category = 'database') =>
    createBackedUpAsset(t, admin, { key, category, configurationReference });

  await createAsset('db-prod-eu', 'main');
  await createAsset('fileserver-01', '', 'storage');
  await createAsset('app-prod-01', '', 'server');
  await createAsset('k8s-prod', '', 'cloud-service');
  for (const [index, arn] of AWS_ARNS.entries())
    await createAsset(`aws-${index}`, arn, 'cloud-service');
  if (!options.withoutPaymentsStack)
    await createAsset('payments-stack', UNMAPPED_ARN, 'cloud-service');
  return { t, admin, viewer, writer, importOutput, fixture, storedRuns, auditEvents, createAsset };
}
type ImportWorld = Awaited<ReturnType<typeof importWorld>>;

/** Each format's complete fixture imported once, as the first import of that output. */
async function importEveryFormat({ importOutput, fixture }: ImportWorld): Promise<void> {
  for (const { format, fixture: name, asset } of FORMATS) {
    const response = await importOutput(
      fixture(name),
      `format=${format}${asset ? `&asset=${asset}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(201);
  }
}

describe('importing backup tool output', () => {
  let t: TestApp;
  let viewer: string;
  let importOutput: ImportWorld['importOutput'];
  let fixture: ImportWorld['fixture'];
  let storedRuns: ImportWorld['storedRuns'];
  let auditEvents: ImportWorld['auditEvents'];
  let createAsset: ImportWorld['createAsset'];

  // The stories below import each fixture for the first time; those that need every format's
  // output imported already, or change what it holds, have worlds of their own.
  beforeAll(async () => {
    ({ t, viewer, importOutput, fixture, storedRuns, auditEvents, createAsset } =
      await importWorld());
  });
  afterAll(() => t.close());

  it('refuses output whose source maps to no asset, naming the run and the reference', async () => {
    const own = await importWorld({ withoutPaymentsStack: true });
    try {
      const before = await own.storedRuns();
      const response = await own.importOutput(
        own.fixture('aws-backup/list-backup-jobs.json'),
        'format=aws-backup',
      );
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.issues).toEqual([
        {
          path: 'run 6',
          message: `no asset has the configuration reference "${UNMAPPED_ARN}"; set it on the asset or pass asset=KEY`,
        },
      ]);
      expect(await own.storedRuns()).toBe(before);
    } finally {
      await own.t.close();
    }
  });

  it.each(FORMATS)(
    'imports $fixture once, however often it is sent',
    async ({ format, fixture: name, asset, runs }) => {
      const query = `format=${format}${asset ? `&asset=${asset}` : ''}`;
      const first = await importOutput(fixture(name), query);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json<ImportBackupRunsResult>()).toEqual({
        format,
        dryRun: false,
        received: runs,
        created: runs,
        alreadyRecorded: 0,
        conflictCount: 0,
        conflicts: [],
      });
      const eventsBefore = await auditEvents();
      const again = await importOutput(fixture(name), query, { contentType: 'text/plain' });
      expect(again.statusCode).toBe(200);
      expect(again.json<ImportBackupRunsResult>()).toMatchObject({
        created: 0,
        alreadyRecorded: runs,
      });
      expect(await auditEvents()).toBe(eventsBefore);
    },
  );

  it('reads the body whatever its content type, or none', async () => {
    const lines = ['a', 'b'].map((id) =>
      JSON.stringify({
        tool: 'rsync',
        externalId: `ct-${id}`,
        startedAt: '2026-11-20T01:00:00Z',
        status: 'succeeded',
      }),
    );
    const json = await importOutput(`${lines[0]}\n`, 'format=plumbline&asset=fileserver-01', {
      contentType: 'application/json',
    });
    expect(json.json<ImportBackupRunsResult>()).toMatchObject({ created: 1 });
    const none = await importOutput(
      Readable.from([`${lines[1]}\n`]),
      'format=plumbline&asset=fileserver-01',
      {
        contentType: null,
      },
    );
    expect(none.json<ImportBackupRunsResult>()).toMatchObject({ created: 1 });
    const empty = await importOutput('', 'format=plumbline&allowEmpty=true');
    expect(empty.statusCode).toBe(200);
    expect(empty.json<ImportBackupRunsResult>()).toMatchObject({ received: 0, created: 0 });
  });

  it.each([
    ['plumbline', ''],
    ['plumbline', ' \n\r\n\t\n'],
    ['restic', '[]'],
    ['aws-backup', '{"BackupJobs": []}'],
    ['pgbackrest', '   '],
    ['velero', ''],
  ] as const)(
    'refuses %s output holding no runs (%j), unless allowEmpty=true',
    async (format, body) => {
      const before = await storedRuns();
      const refused = await importOutput(body, `format=${format}&asset=db-prod-eu`);
      expect(refused.statusCode).toBe(400);
      const error = refused.json<ErrorBody>().error;
      expect(error.code).toBe('validation_failed');
      expect(error.message).toMatch(/holds no backup runs.*allowEmpty=true/);
      expect(error.issues).toEqual([{ path: 'body', message: 'holds no backup runs' }]);
      const allowed = await importOutput(body, `format=${format}&asset=db-prod-eu&allowEmpty=true`);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json<ImportBackupRunsResult>()).toMatchObject({
        format,
        received: 0,
        created: 0,
      });
      expect(await storedRuns()).toBe(before);
    },
  );

  it.each([
    ['a NUL character', '\\u0000', 'must not contain a NUL character (U+0000)'],
    ['a lone surrogate', '\\ud800', 'must not contain a lone UTF-16 surrogate'],
  ])(
    'refuses a run holding %s, naming its line and field, storing nothing',
    async (_what, escape, message) => {
      const before = await storedRuns();
      const good = (id: string) =>
        JSON.stringify({
          asset: 'db-prod-eu',
          tool: 'pg_dump',
          externalId: id,
          startedAt: '2026-11-20T01:00:00Z',
          finishedAt: '2026-11-20T01:10:00Z',
          status: 'succeeded',
        });
      const bad = good('nul-2').replace('"pg_dump"', `"pg${escape}dump"`);
      const response = await importOutput(`${good('nul-1')}\n${bad}\n`, 'format=plumbline');
      expect(response.statusCode).toBe(400);
      const error = response.json<ErrorBody>().error;
      expect(error.message).toBe(`Nothing was imported: plumbline: line 2: tool: ${message}`);
      expect(error.issues).toEqual([
        { path: 'line 2: tool', message: `plumbline: line 2: tool: ${message}` },
      ]);
      expect(await storedRuns()).toBe(before);
    },
  );

  it.each([
    ['plumbline', 'plumbline/truncated.ndjson', 2],
    ['plumbline', 'plumbline/invalid-date.ndjson', 2],
    ['restic', 'restic/backup-truncated.jsonl', 2],
    ['pgbackrest', 'pgbackrest/info-truncated.json', 1],
    ['aws-backup', 'aws-backup/truncated.json', 40],
  ] as const)(
    'refuses malformed %s output (%s) naming format and line, storing nothing',
    async (format, name, line) => {
      const before = await storedRuns();
      const response = await importOutput(fixture(name), `format=${format}&asset=db-prod-eu`);
      expect(response.statusCode).toBe(400);
      const error = response.json<ErrorBody>().error;
      expect(error.code).toBe('validation_failed');
      expect(error.message).toMatch(new RegExp(`^Nothing was imported: ${format}: line ${line}: `));
      expect(error.details).toMatchObject({ format, line });
      expect(await storedRuns()).toBe(before);
    },
  );

  it('rolls back batches already written when a later line is malformed', async () => {
    const good = Array.from({ length: 2500 }, (_, index) =>
      JSON.stringify({
        tool: 'rollback',
        externalId: `rb-${index}`,
        startedAt: '2026-11-20T01:00:00Z',
        status: 'succeeded',
      }),
    );
    const before = await storedRuns();
    const response = await importOutput(
      Readable.from([`${good.join('\n')}\n`, '{"tool":"rollback","externalId":"bad"\n']),
      'format=plumbline&asset=fileserver-01',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.details).toMatchObject({
      format: 'plumbline',
      line: 2501,
    });
    expect(await storedRuns()).toBe(before);
  });

  describe('one run per restic snapshot, whichever output reports it first', () => {
    const listing = 'restic/debian-0.14/snapshots.json';
    const backups = [
      'restic/debian-0.14/backup-first.jsonl',
      'restic/debian-0.14/backup-second.jsonl',
    ];
    const resticRuns = async (asset: string) =>
      (await t.call(viewer, 'GET', `/api/v1/backup-runs?tool=restic&asset=${asset}`))
        .json<BackupRunPage>()
        .items.map((run) => run.externalId)
        .sort();

    it('refuses a 0.14 backup log before its snapshot is recorded, naming the line, and stores nothing', async () => {
      await createAsset('files-after', '', 'storage');
      const before = await storedRuns();
      const response = await importOutput(
        fixture(backups[0]!),
        'format=restic&asset=files-after&job=files',
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toBe(
        "Nothing was imported: restic: line 2: summary.backup_start: snapshot 27190a43 is not recorded for this asset yet, and this summary (restic before 0.17) gives no time of its own: import `restic snapshots --json` first, or append its output to this log; the snapshot's time is the run's time",
      );
      expect(await storedRuns()).toBe(before);
      // Once the listing is in, the same log is the listed snapshot's run: one run per backup.
      const listed = await importOutput(fixture(listing), 'format=restic&asset=files-after');
      expect(listed.json<ImportBackupRunsResult>()).toMatchObject({ created: 2 });
      for (const name of backups) {
        const again = await importOutput(
          fixture(name),
          'format=restic&asset=files-after&job=files',
        );
        expect(again.json<ImportBackupRunsResult>()).toMatchObject({
          created: 0,
          alreadyRecorded: 1,
          conflictCount: 0,
        });
      }
      expect(await resticRuns('files-after')).toEqual([
        '27190a432639b2ea4904d5a4df9f2850775160c73451eb79425401bba1a289f7',
        'fd8995f5df290ec3db18604660e02846670a680fe83cf0f8df18ad205d32f9f8',
      ]);
    });

    it('times a 0.14 log by the listing appended to it, and merges the listing imported later', async () => {
      await createAsset('app-01', '', 'server');
      const read = (name: string) => fs.readFileSync(fixturePath(name), 'utf8');
      const log = [
        read('restic/debian-0.14/backup-app01-run1.jsonl'),
        read('restic/debian-0.14/backup-app01-run2.jsonl'),
        read('restic/debian-0.14/snapshots-app01.json'),
      ].join('');
      const first = await importOutput(log, 'format=restic&asset=app-01&job=files');
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json<ImportBackupRunsResult>()).toMatchObject({ received: 2, created: 2 });
      const listed = await importOutput(
        fixture('restic/debian-0.14/snapshots-app01.json'),
        'format=restic&asset=app-01',
      );
      expect(listed.json<ImportBackupRunsResult>()).toMatchObject({
        received: 2,
        created: 0,
        alreadyRecorded: 2,
        conflictCount: 0,
      });
      const again = await importOutput(log, 'format=restic&asset=app-01&job=files');
      expect(again.json<ImportBackupRunsResult>()).toMatchObject({
        created: 0,
        alreadyRecorded: 2,
      });
      const runs = (
        await t.call(viewer, 'GET', '/api/v1/backup-runs?tool=restic&asset=app-01')
      ).json<BackupRunPage>().items;
      // Timed by the snapshots (08:20:12 and 08:20:13 on 6 December), never by the import.
      expect(runs.map((run) => [run.externalId, run.startedAt, run.recoveryPointAt])).toEqual([
        ['1e70b01e', '2026-12-06T08:20:13.435Z', '2026-12-06T08:20:13.435Z'],
        ['1e6eb92c', '2026-12-06T08:20:12.733Z', '2026-12-06T08:20:12.733Z'],
      ]);
    });

    for (const order of [
      ['backup', 'snapshots'],
      ['snapshots', 'backup'],
    ] as const) {
      it(`makes a restic 0.19 backup and its snapshot one run, ${order.join(' then ')}`, async () => {
        const asset = `app-019-${order[0]}`;
        await createAsset(asset, '', 'server');
        // Snapshot ids are unique in a repository: each case has a snapshot of its own.
        const snapshotId = (order[0] === 'backup' ? 'b' : 'c').repeat(64);
        const output = (name: string) =>
          fs
            .readFileSync(fixturePath(`restic/release-0.19/${name}`), 'utf8')
            .replaceAll(
              '7a41c09e5db2f83a16c4e07b9d25f1a03c68e4b71d920f5a3e8c6b104d7f29e5',
              snapshotId,
            )
            .replaceAll('"7a41c09e"', `"${snapshotId.slice(0, 8)}"`);
        const files = { backup: output('backup.jsonl'), snapshots: output('snapshots.json') };
        const results = [];
        for (const kind of [...order, ...order]) {
          const response = await importOutput(
            files[kind],
            `format=restic&asset=${asset}&job=files`,
          );
          expect(response.statusCode, response.body).toBeLessThan(300);
          results.push(response.json<ImportBackupRunsResult>());
        }
        expect(results.map((result) => [result.created, result.alreadyRecorded])).toEqual([
          [1, 0],
          [0, 1],
          [0, 1],
          [0, 1],
        ]);
        const runs = (
          await t.call(viewer, 'GET', `/api/v1/backup-runs?tool=restic&asset=${asset}`)
        ).json<BackupRunPage>().items;
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({
          startedAt: '2026-12-06T01:00:03.114Z',
          finishedAt: '2026-12-06T01:00:04.332Z',
          recoveryPointAt: '2026-12-06T01:00:03.114Z',
        });
      });
    }

    it('counts a listed snapshot as the run its summary recorded under another job (restic 0.17)', async () => {
      await createAsset('app-listed', '', 'server');
      const snapshotId = 'c0ffee00'.repeat(8);
      const summary = fs
        .readFileSync(fixturePath('restic/backup-succeeded.jsonl'), 'utf8')
        .replace(/"snapshot_id":"[0-9a-f]+"/, `"snapshot_id":"${snapshotId}"`);
      const backup = await importOutput(summary, 'format=restic&asset=app-listed&job=app-files');
      expect(backup.json<ImportBackupRunsResult>()).toMatchObject({ created: 1 });
      const [snapshot] = JSON.parse(
        fs.readFileSync(fixturePath('restic/snapshots.json'), 'utf8'),
      ) as Record<string, unknown>[];
      const listed = JSON.stringify([{ ...snapshot, id: snapshotId, short_id: 'c0ffee00' }]);
      const response = await importOutput(listed, 'format=restic&asset=app-listed');
      expect(response.json<ImportBackupRunsResult>()).toMatchObject({
        created: 0,
        alreadyRecorded: 1,
        conflictCount: 0,
      });
    });
  });

  describe("once every format's output is imported", () => {
    let t: TestApp;
    let viewer: string;
    let importOutput: ImportWorld['importOutput'];
    let fixture: ImportWorld['fixture'];
    let storedRuns: ImportWorld['storedRuns'];
    let auditEvents: ImportWorld['auditEvents'];

    beforeAll(async () => {
      const world = await importWorld();
      await importEveryFormat(world);
      ({ t, viewer, importOutput, fixture, storedRuns, auditEvents } = world);
    });
    afterAll(() => t.close());

    it('puts each run on the asset its source maps to', async () => {
      const page = async (asset: string, tool: string) =>
        (
          await t.call(viewer, 'GET', `/api/v1/backup-runs?asset=${asset}&tool=${tool}`)
        ).json<BackupRunPage>().items;
      expect(await page('db-prod-eu', 'pgbackrest')).toHaveLength(3);
      expect(await page('aws-0', 'aws-backup')).toHaveLength(1);
      expect(await page('payments-stack', 'aws-backup')).toHaveLength(1);
      expect((await page('k8s-prod', 'velero')).map((run) => run.status).sort()).toEqual([
        'failed',
        'failed',
        'partial',
        'succeeded',
        'succeeded',
      ]);
    });

    it('reports re-imported runs whose content changed as conflicts, keeping what was stored', async () => {
      const changed = fs
        .readFileSync(fixturePath('plumbline/runs.ndjson'), 'utf8')
        .replace('"status":"partial"', '"status":"succeeded"');
      const response = await importOutput(changed, 'format=plumbline');
      expect(response.statusCode).toBe(200);
      expect(response.json<ImportBackupRunsResult>()).toMatchObject({
        created: 0,
        alreadyRecorded: 2,
        conflictCount: 1,
        // Line 4 of the file (line 2 is blank): the person sees where in their file it is.
        conflicts: [
          { index: 2, line: 4, tool: 'rsync', externalId: 'rsync-7f3a', fields: ['status'] },
        ],
      });
      const stored = await t.call(
        viewer,
        'GET',
        '/api/v1/backup-runs?tool=rsync&asset=fileserver-01',
      );
      expect(
        stored.json<BackupRunPage>().items.find((run) => run.externalId === 'rsync-7f3a')?.status,
      ).toBe('partial');
    });

    it('counts what a dry run would store and stores nothing', async () => {
      const before = await storedRuns();
      const eventsBefore = await auditEvents();
      const response = await importOutput(
        fixture('restic/backup-partial.jsonl'),
        'format=restic&asset=app-prod-01&dryRun=true',
      );
      expect(response.statusCode).toBe(200);
      expect(response.json<ImportBackupRunsResult>()).toMatchObject({
        dryRun: true,
        received: 1,
        created: 1,
      });
      expect(await storedRuns()).toBe(before);
      expect(await auditEvents()).toBe(eventsBefore);
      const known = await importOutput(
        fixture('pgbackrest/info.json'),
        'format=pgbackrest&dryRun=1',
      );
      expect(known.json<ImportBackupRunsResult>()).toMatchObject({
        created: 0,
        alreadyRecorded: 3,
      });
    });
  });

  it('counts AWS recovery points as the runs of the jobs that made them', async () => {
    // Its new recovery point is a run of aws-0, which the story above counts: its own world.
    const own = await importWorld();
    try {
      await countsAwsRecoveryPoints(own);
    } finally {
      await own.t.close();
    }
  });

  async function countsAwsRecoveryPoints({
    t,
    admin,
    importOutput,
    fixture,
    createAsset,
  }: ImportWorld): Promise<void> {
    if ((await t.call(admin, 'GET', '/api/v1/assets/payments-stack')).statusCode === 404) {
      await createAsset('payments-stack', UNMAPPED_ARN, 'cloud-service');
    }
    const jobs = await importOutput(
      fixture('aws-backup/list-backup-jobs.json'),
      'format=aws-backup',
    );
    expect(jobs.statusCode, jobs.body).toBeLessThan(300);
    const points = await importOutput(
      fixture('aws-backup/list-recovery-points.json'),
      'format=aws-backup',
    );
    expect(points.statusCode, points.body).toBe(201);
    // The RDS and EBS points of 22 November are those jobs' runs, not new ones; the RDS point of
    // 8 November is new. The EBS job completed with issues (partial) while its point says
    // COMPLETED: the same run described two ways, reported and never overwritten.
    const result = points.json<ImportBackupRunsResult>();
    expect(result).toMatchObject({ received: 3, created: 1, alreadyRecorded: 1, conflictCount: 1 });
    expect(result.conflicts.map((conflict) => [conflict.externalId, conflict.fields])).toEqual([
      ['arn:aws:ec2:eu-central-1::snapshot/snap-0f1e2d3c4b5a69788', ['status']],
    ]);
  }

  it('refuses unknown formats, unknown default assets and callers without backups:write', async () => {
    const format = await importOutput('', 'format=bacula');
    expect(format.statusCode).toBe(400);
    expect(format.json<ErrorBody>().error.issues?.[0]?.path).toBe('querystring.format');
    const asset = await importOutput(
      fixture('restic/backup-failed.jsonl'),
      'format=restic&asset=no-such-asset',
    );
    // restic's failed run is read from its exit_error, the file's third line.
    expect(asset.json<ErrorBody>().error.issues).toEqual([
      { path: 'line 3', message: 'no asset has the key "no-such-asset"' },
    ]);
    const unknownOnLine = await importOutput(
      fs
        .readFileSync(fixturePath('plumbline/runs.ndjson'), 'utf8')
        .replace('"asset":"fileserver-01"', '"asset":"no-such-server"'),
      'format=plumbline',
    );
    expect(unknownOnLine.json<ErrorBody>().error.issues).toEqual([
      { path: 'line 4', message: 'no asset has the key "no-such-server"' },
    ]);
    const forbidden = await importOutput(fixture('plumbline/runs.ndjson'), 'format=plumbline', {
      token: viewer,
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('refuses input past the size limit', async () => {
    const input = Readable.from([Buffer.alloc(600, 0x20), Buffer.alloc(600, 0x20)]);
    await expect(
      importBackupRuns(t.ctx, systemActor, input, {
        format: 'plumbline',
        dryRun: false,
        maxBytes: 1000,
      }),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
