import { describe, expect, it } from 'vitest';
import { parseError, parseFixture } from '../../../../test/fixtures/backups/fixtures.js';

describe('pgbackrest info --output=json', () => {
  it('turns each listed backup into a run keyed by stanza and label', async () => {
    const runs = await parseFixture('pgbackrest', 'pgbackrest/info.json', {
      defaultAssetKey: 'orders-db',
    });
    expect(runs).toHaveLength(3);
    expect(runs[0]).toEqual({
      assetKey: 'orders-db',
      assetReference: 'main',
      tool: 'pgbackrest',
      job: null,
      externalId: 'main/20261120-010003F',
      startedAt: new Date('2026-11-20T01:00:03Z'),
      finishedAt: new Date('2026-11-20T01:41:57Z'),
      status: 'succeeded',
      backupType: 'full',
      sizeBytes: 61203814400,
      recoveryPointId: '20261120-010003F',
      recoveryPointAt: new Date('2026-11-20T01:41:57Z'),
      encrypted: true,
      region: null,
      message: null,
      line: null,
      listed: true,
    });
    expect(runs.map((run) => run.backupType)).toEqual(['full', 'differential', 'incremental']);
  });

  it('marks a backup with page checksum errors partial and says where to look', async () => {
    const runs = await parseFixture('pgbackrest', 'pgbackrest/info.json');
    expect(runs[2]).toMatchObject({ status: 'partial' });
    expect(runs[2]?.message).toContain(
      'pgbackrest info --stanza=main --set=20261120-010003F_20261122-010004I',
    );
  });

  it('yields no run for a stanza without backups, whatever its status', async () => {
    const runs = await parseFixture('pgbackrest', 'pgbackrest/info.json');
    expect(runs.some((run) => run.assetReference === 'reporting')).toBe(false);
  });

  it('names the field of a malformed backup entry', async () => {
    const error = await parseError('pgbackrest', 'restic/snapshots.json');
    expect(error).toMatchObject({ format: 'pgbackrest', field: '[0].name' });
    expect((error as Error).message).toBe('pgbackrest: [0].name: is missing');
  });
});

describe('pgBackRest 2.45 as Debian 12 ships it (recorded output)', () => {
  it('lists a full and an incremental backup of an unencrypted repository', async () => {
    const runs = await parseFixture('pgbackrest', 'pgbackrest/debian-2.45/info.json');
    expect(
      runs.map((run) => [run.externalId, run.backupType, run.encrypted, run.status, run.listed]),
    ).toEqual([
      ['demo/20261206-064159F', 'full', false, 'succeeded', true],
      ['demo/20261206-064159F_20261206-064207I', 'incremental', false, 'succeeded', true],
    ]);
    expect(runs[0]?.recoveryPointAt).toEqual(new Date(1796539326 * 1000));
  });

  it('no longer lists what `expire` removed (repo1-retention-full=2 after two more fulls)', async () => {
    const runs = await parseFixture('pgbackrest', 'pgbackrest/debian-2.45/info-after-expire.json');
    expect(runs.map((run) => run.recoveryPointId)).toEqual([
      '20261206-064213F',
      '20261206-064221F',
    ]);
  });
});
