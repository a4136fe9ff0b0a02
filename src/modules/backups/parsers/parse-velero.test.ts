import { describe, expect, it } from 'vitest';
import {
  collect,
  parseError,
  parseFixture,
  textInput,
} from '../../../../test/fixtures/backups/fixtures.js';
import { parseBackupOutput } from './index.js';

describe('velero backup get -o json', () => {
  it('turns a single Backup object into a run keyed by its name', async () => {
    const runs = await parseFixture('velero', 'velero/single-backup.json');
    expect(runs).toEqual([
      {
        assetKey: null,
        assetReference: 'payments,shop',
        tool: 'velero',
        job: 'daily',
        externalId: 'daily-20261122020012',
        startedAt: new Date('2026-11-22T02:00:12Z'),
        finishedAt: new Date('2026-11-22T02:04:57Z'),
        status: 'succeeded',
        backupType: null,
        sizeBytes: null,
        recoveryPointId: 'daily-20261122020012',
        recoveryPointAt: new Date('2026-11-22T02:00:12Z'),
        encrypted: null,
        region: 'default',
        message: null,
        line: null,
        listed: true,
      },
    ]);
  });

  it('records the backup storage location as the region: spec, else label, else none', async () => {
    const backup = (spec: object, labels: object) =>
      JSON.stringify({
        kind: 'Backup',
        apiVersion: 'velero.io/v1',
        metadata: { name: `b-${Object.keys(spec).length}-${Object.keys(labels).length}`, labels },
        spec,
        status: {
          phase: 'Completed',
          startTimestamp: '2026-11-22T02:00:12Z',
          completionTimestamp: '2026-11-22T02:04:57Z',
        },
      });
    const regionOf = async (spec: object, labels: object) =>
      (await collect(parseBackupOutput('velero', textInput(backup(spec, labels)), {})))[0]?.region;
    expect(
      await regionOf(
        { storageLocation: 'aws-eu-central-1' },
        { 'velero.io/storage-location': 'other' },
      ),
    ).toBe('aws-eu-central-1');
    expect(await regionOf({}, { 'velero.io/storage-location': 'gcs-europe-west3' })).toBe(
      'gcs-europe-west3',
    );
    expect(await regionOf({}, {})).toBeNull();
  });

  it('maps phases of a BackupList and skips backups still in progress', async () => {
    const runs = await parseFixture('velero', 'velero/backup-list.json');
    expect(runs.map((run) => [run.externalId, run.status])).toEqual([
      ['daily-20261122020012', 'succeeded'],
      ['daily-20261121020009', 'partial'],
      ['daily-20261120020004', 'failed'],
      ['cluster-config-manual', 'failed'],
      ['all-namespaces-weekly-20261116030000', 'succeeded'],
    ]);
    expect(runs[1]?.message).toBe('3 errors, 1 warnings (velero backup logs daily-20261121020009)');
    expect(runs[2]?.message).toContain('AccessDenied');
    // Failed validation: never started, so the creation time stands in and nothing completed.
    expect(runs[3]).toMatchObject({
      startedAt: new Date('2026-11-19T16:22:40Z'),
      finishedAt: null,
      recoveryPointAt: null,
    });
    expect(runs[3]?.message).toContain('backup storage location');
    // No includedNamespaces means every namespace.
    expect(runs[4]?.assetReference).toBe('*');
  });

  it('rejects restic output', async () => {
    const error = await parseError('velero', 'restic/backup-succeeded.jsonl');
    expect((error as Error).message).toBe('velero: line 2: is not valid JSON');
  });
});
