import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  collect,
  fixturePath,
  parseError,
  parseFixture,
  textInput,
} from '../../../../test/fixtures/backups/fixtures.js';
import { parseBackupOutput } from './index.js';

const receivedAt = new Date('2026-11-22T04:12:05Z');

describe('restic backup --json', () => {
  it('turns the summary of restic 0.17+ into a succeeded run, ignoring progress lines', async () => {
    const runs = await parseFixture('restic', 'restic/backup-succeeded.jsonl', {
      defaultAssetKey: 'app-prod-01',
    });
    expect(runs).toEqual([
      {
        assetKey: 'app-prod-01',
        assetReference: null,
        tool: 'restic',
        job: null,
        externalId: '5b7c1e9f0a3d42e8b16f97c4d2a0e8f1c3b5d7e9a1f3c5e7b9d1f3a5c7e9b1d3',
        startedAt: new Date('2026-11-22T02:00:04.118Z'),
        finishedAt: new Date('2026-11-22T02:00:19.601Z'),
        status: 'succeeded',
        backupType: null,
        sizeBytes: 4012866541,
        recoveryPointId: '5b7c1e9f0a3d42e8b16f97c4d2a0e8f1c3b5d7e9a1f3c5e7b9d1f3a5c7e9b1d3',
        recoveryPointAt: new Date('2026-11-22T02:00:04.118Z'),
        encrypted: true,
        region: null,
        message: null,
        // The summary is the fifth line, after the progress.
        line: 5,
      },
    ]);
  });

  it('leaves a summary without timestamps (before 0.17) untimed, never timed by its receipt', async () => {
    const [run] = await parseFixture('restic', 'restic/backup-succeeded-0.16.jsonl', {
      receivedAt,
    });
    expect(run).toMatchObject({
      status: 'succeeded',
      startedAt: null,
      finishedAt: null,
      recoveryPointAt: null,
      sizeBytes: 12877312,
      line: 3,
    });
  });

  it('makes errors followed by a summary (and exit code 3) one partial run', async () => {
    const runs = await parseFixture('restic', 'restic/backup-partial.jsonl');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'partial',
      externalId: 'c91f04ad7e2b58c3f0a6d1e94b7c25f8039ad6e1b4c7f02a95d8e3b16c4f70a2',
      sizeBytes: 982104012,
    });
    expect(runs[0]?.message).toBe(
      [
        'archival /home/maria/.cache/keyring/login.keyring: open /home/maria/.cache/keyring/login.keyring: permission denied',
        'scan /home/maria/tmp/build-4471: lstat /home/maria/tmp/build-4471: no such file or directory',
        'exit code 3: Warning: at least one source file could not be read',
      ].join('\n'),
    );
  });

  it('makes errors and an exit_error without a summary a failed run with a derived, stable id', async () => {
    const first = await parseFixture('restic', 'restic/backup-failed.jsonl', { receivedAt });
    // Re-imported later the same (UTC) day: the same run.
    const again = await parseFixture('restic', 'restic/backup-failed.jsonl', {
      receivedAt: new Date('2026-11-22T23:59:00Z'),
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      status: 'failed',
      finishedAt: receivedAt,
      startedAt: new Date(receivedAt.getTime() - 4000),
      recoveryPointId: null,
      sizeBytes: null,
    });
    expect(first[0]?.externalId).toMatch(/^restic-failed-[0-9a-f]{32}$/);
    expect(again[0]?.externalId).toBe(first[0]?.externalId);
    expect(first[0]?.message).toContain('exit code 1: Fatal: unable to save snapshot');
  });

  it('tells apart byte-identical failures of other assets and other days', async () => {
    // "repository is already locked" with the same PID and age: nothing in the output differs.
    const idOf = async (options: { defaultAssetKey?: string; receivedAt: Date }) =>
      (await parseFixture('restic', 'restic/backup-locked.jsonl', options))[0]?.externalId;
    const hostA = await idOf({ defaultAssetKey: 'host-a', receivedAt });
    expect(await idOf({ defaultAssetKey: 'host-a', receivedAt })).toBe(hostA);
    expect(
      await idOf({ defaultAssetKey: 'host-a', receivedAt: new Date('2026-11-22T20:00:00Z') }),
    ).toBe(hostA);
    expect(await idOf({ defaultAssetKey: 'host-b', receivedAt })).not.toBe(hostA);
    expect(
      await idOf({ defaultAssetKey: 'host-a', receivedAt: new Date('2026-11-23T04:12:05Z') }),
    ).not.toBe(hostA);
  });

  it('keeps the first 20 errors of a run in its message and counts the rest', async () => {
    const errorLine = (index: number) =>
      `{"message_type":"error","error":{"message":"permission denied"},"during":"archival","item":"/srv/f${index}"}\n`;
    const lines = Array.from({ length: 25 }, (_, index) => errorLine(index));
    const exit = '{"message_type":"exit_error","code":1,"message":"Fatal: giving up"}\n';
    const [run] = await collect(
      parseBackupOutput('restic', textInput(...lines, exit), { receivedAt }),
    );
    const message = run?.message?.split('\n') ?? [];
    expect(message).toHaveLength(22);
    expect(message[19]).toBe('archival /srv/f19: permission denied');
    expect(message.slice(20)).toEqual(['… and 5 more errors', 'exit code 1: Fatal: giving up']);
  });

  it('reads a lone exit_error as a failed run', async () => {
    const [run] = await parseFixture('restic', 'restic/backup-locked.jsonl', { receivedAt });
    expect(run).toMatchObject({ status: 'failed', startedAt: receivedAt });
    expect(run?.message).toMatch(/^exit code 11: Fatal: unable to create lock/);
  });

  it('reads several backups appended to one log as several runs', async () => {
    const log = async function* () {
      for (const name of [
        'backup-locked.jsonl',
        'backup-succeeded.jsonl',
        'backup-partial.jsonl',
      ]) {
        yield await readFile(fixturePath(`restic/${name}`), 'utf8');
      }
    };
    const runs = await collect(parseBackupOutput('restic', log(), { receivedAt }));
    expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded', 'partial']);
  });

  it('skips a dry run and accepts a summary without snapshot from --skip-if-unchanged', async () => {
    const lines = () =>
      textInput(
        '{"message_type":"summary","dry_run":true,"total_bytes_processed":10,"backup_start":"2026-11-22T02:00:00Z","backup_end":"2026-11-22T02:00:01Z"}\n',
        '{"message_type":"summary","total_bytes_processed":10,"backup_start":"2026-11-23T02:00:00Z","backup_end":"2026-11-23T02:00:01Z"}\n',
      );
    const runs = await collect(parseBackupOutput('restic', lines()));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', recoveryPointId: null });
    expect(runs[0]?.externalId).toMatch(/^restic-unchanged-[0-9a-f]{32}$/);
  });

  it('rejects a summary without snapshot id from a version that always writes one', async () => {
    const lines = () =>
      textInput(
        '{"message_type":"status","percent_done":1}\n{"message_type":"status","percent_done":1}\n',
        '{"message_type":"status","percent_done":1}\n{"message_type":"summary","total_bytes_processed":10,"total_duration":1}\n',
      );
    await expect(collect(parseBackupOutput('restic', lines(), { receivedAt }))).rejects.toThrow(
      'restic: line 4: summary.snapshot_id: is missing',
    );
  });

  it('rejects progress that never reaches a summary or an exit error', async () => {
    const lines = () =>
      textInput('{"message_type":"status","seconds_elapsed":3,"percent_done":0.4}\n');
    await expect(collect(parseBackupOutput('restic', lines(), { receivedAt }))).rejects.toThrow(
      'restic: line 1: the output ends before a summary or exit_error line (truncated, or restic was killed)',
    );
  });

  it('rejects JSON lines that are not restic messages', async () => {
    const error = await parseError('restic', 'plumbline/runs.ndjson');
    expect((error as Error).message).toBe('restic: line 1: message_type: is missing');
  });
});

describe('restic snapshots --json', () => {
  it('turns each snapshot into a succeeded run keyed by snapshot id', async () => {
    const runs = await parseFixture('restic', 'restic/snapshots.json');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual({
      assetKey: null,
      assetReference: 'app-prod-01:/srv/app,/etc/app',
      tool: 'restic',
      job: 'nightly,prod',
      externalId: '7d1e30c6b85a4f29e0c7d3b18a6f52e49c0b7a3d1e85f6c2b94a07d3e61c58f0',
      startedAt: new Date('2026-11-20T02:00:03.884Z'),
      finishedAt: new Date('2026-11-20T02:00:21.105Z'),
      status: 'succeeded',
      backupType: null,
      sizeBytes: 3998120336,
      recoveryPointId: '7d1e30c6b85a4f29e0c7d3b18a6f52e49c0b7a3d1e85f6c2b94a07d3e61c58f0',
      recoveryPointAt: new Date('2026-11-20T02:00:03.884Z'),
      encrypted: true,
      region: null,
      message: null,
      line: null,
      listed: true,
    });
    // Snapshots written before restic 0.17 have no statistics: no size, no end time.
    expect(runs[1]).toMatchObject({ sizeBytes: null, finishedAt: null });
  });

  it('gives the same external ids on a second parse', async () => {
    const first = await parseFixture('restic', 'restic/snapshots.json');
    const again = await parseFixture('restic', 'restic/snapshots.json');
    expect(again.map((run) => run.externalId)).toEqual(first.map((run) => run.externalId));
  });

  it('reads a repository of 8,000 snapshots, which restic prints on one line', async () => {
    const snapshots = Array.from({ length: 8000 }, (_, index) => ({
      time: new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString(),
      hostname: 'app-prod-01',
      paths: ['/srv/app'],
      id: index.toString(16).padStart(64, '0'),
    }));
    const line = JSON.stringify(snapshots);
    expect(line.length).toBeGreaterThan(1024 * 1024);
    const chunks = line.match(/[\s\S]{1,65536}/g) ?? [];
    const runs = await collect(parseBackupOutput('restic', textInput(...chunks, '\n')));
    expect(runs).toHaveLength(8000);
  });

  it('reads the empty list of a repository without snapshots', async () => {
    expect(await collect(parseBackupOutput('restic', textInput('[]\n')))).toEqual([]);
  });

  it('reads snapshots grouped with --group-by', async () => {
    const document = () =>
      textInput(
        '[{"group_key":{"hostname":"h","paths":null,"tags":null},"snapshots":[',
        '{"time":"2026-11-20T02:00:03Z","hostname":"h","paths":["/a"],"id":"aa11"}]}]',
      );
    const runs = await collect(parseBackupOutput('restic', document()));
    expect(runs.map((run) => run.externalId)).toEqual(['aa11']);
  });

  it('rejects a truncated snapshot list', async () => {
    const error = await parseError('restic', 'restic/snapshots-truncated.json');
    expect((error as Error).message).toBe(
      'restic: line 1: the JSON ends too early (truncated output?)',
    );
  });

  it('names the field when given another tool’s array', async () => {
    const document = () =>
      textInput('[{"name":"main","backup":[],"status":{"code":0,"message":"ok"}}]');
    await expect(collect(parseBackupOutput('restic', document()))).rejects.toThrow(
      'restic: [0].id: is missing',
    );
  });
});

describe('restic 0.14 as Debian 12 ships it (recorded output)', () => {
  it('reads the short snapshot id of `backup --json`, leaving the time to the snapshot', async () => {
    const [run] = await parseFixture('restic', 'restic/debian-0.14/backup-first.jsonl', {
      defaultAssetKey: 'files',
      receivedAt,
    });
    expect(run).toMatchObject({
      externalId: '27190a43',
      recoveryPointId: '27190a43',
      status: 'succeeded',
      sizeBytes: 12,
      startedAt: null,
      finishedAt: null,
    });
    expect(run?.listed).toBeUndefined();
  });

  it('times the runs of a log by the snapshot listing appended to it', async () => {
    const read = (name: string) => readFile(fixturePath(name), 'utf8');
    const log = [
      await read('restic/debian-0.14/backup-app01-run1.jsonl'),
      await read('restic/debian-0.14/backup-app01-run2.jsonl'),
      await read('restic/debian-0.14/snapshots-app01.json'),
    ].join('');
    const runs = await collect(parseBackupOutput('restic', textInput(log), { receivedAt }));
    expect(runs.map((run) => [run.externalId, run.startedAt, run.finishedAt, run.listed])).toEqual([
      [
        '1e6eb92c',
        new Date('2026-12-06T08:20:12.733Z'),
        new Date(Date.parse('2026-12-06T08:20:12.733Z') + 212.792532),
        undefined,
      ],
      [
        '1e70b01e',
        new Date('2026-12-06T08:20:13.435Z'),
        new Date(Date.parse('2026-12-06T08:20:13.435Z') + 214.009729),
        undefined,
      ],
    ]);
    expect(runs[0]?.recoveryPointAt).toEqual(new Date('2026-12-06T08:20:12.733Z'));
  });

  it('refuses a failed backup, which restic 0.14 prints as text, naming the line', async () => {
    const error = await parseError('restic', 'restic/debian-0.14/backup-wrong-password.txt', {
      receivedAt,
    });
    expect((error as Error).message).toMatch(/^restic: line 1: /);
    const missing = await parseError('restic', 'restic/debian-0.14/backup-missing-path.txt', {
      receivedAt,
    });
    expect((missing as Error).message).toMatch(/^restic: line 1: /);
  });

  it('lists the snapshots that remain, with their full ids, before and after `forget`', async () => {
    const before = await parseFixture('restic', 'restic/debian-0.14/snapshots.json');
    expect(before.map((run) => [run.externalId.slice(0, 8), run.listed, run.job])).toEqual([
      ['27190a43', true, 'nightly'],
      ['fd8995f5', true, 'nightly'],
    ]);
    const after = await parseFixture('restic', 'restic/debian-0.14/snapshots-after-forget.json');
    expect(after.map((run) => run.externalId)).toEqual([
      'fd8995f5df290ec3db18604660e02846670a680fe83cf0f8df18ad205d32f9f8',
    ]);
    expect(after[0]?.recoveryPointAt).toEqual(new Date('2026-12-06T05:54:12.024Z'));
  });
});

describe('restic 0.19 (the latest release, written from its source)', () => {
  it('times the run by the summary’s backup_start and backup_end, with the full snapshot id', async () => {
    const [run] = await parseFixture('restic', 'restic/release-0.19/backup.jsonl', { receivedAt });
    expect(run).toMatchObject({
      externalId: '7a41c09e5db2f83a16c4e07b9d25f1a03c68e4b71d920f5a3e8c6b104d7f29e5',
      status: 'succeeded',
      startedAt: new Date('2026-12-06T01:00:03.114Z'),
      finishedAt: new Date('2026-12-06T01:00:04.332Z'),
      recoveryPointAt: new Date('2026-12-06T01:00:03.114Z'),
      sizeBytes: 17,
    });
  });

  it('lists the same snapshot under the same id and the same times', async () => {
    const [logged] = await parseFixture('restic', 'restic/release-0.19/backup.jsonl', {
      receivedAt,
    });
    const [listed] = await parseFixture('restic', 'restic/release-0.19/snapshots.json');
    expect(listed).toMatchObject({
      externalId: logged?.externalId,
      startedAt: logged?.startedAt,
      finishedAt: logged?.finishedAt,
      recoveryPointAt: logged?.recoveryPointAt,
      listed: true,
      job: 'nightly',
    });
  });

  it('reads a wrong password as a failed run with exit code 12', async () => {
    const [run] = await parseFixture('restic', 'restic/release-0.19/backup-wrong-password.jsonl', {
      receivedAt,
    });
    expect(run).toMatchObject({
      status: 'failed',
      recoveryPointAt: null,
      message: 'exit code 12: Fatal: wrong password or no key found',
    });
  });

  it('refuses the plain-text warning restic still prints for a missing path, naming the line', async () => {
    const error = await parseError('restic', 'restic/release-0.19/backup-missing-path.txt', {
      receivedAt,
    });
    expect((error as Error).message).toMatch(/^restic: line 1: /);
  });
});
