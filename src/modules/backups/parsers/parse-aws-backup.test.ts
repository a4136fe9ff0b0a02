import { describe, expect, it } from 'vitest';
import {
  collect,
  parseError,
  parseFixture,
  textInput,
} from '../../../../test/fixtures/backups/fixtures.js';
import { parseBackupOutput } from './index.js';

function jobsDocument(...jobs: Record<string, unknown>[]) {
  return textInput(JSON.stringify({ BackupJobs: jobs }));
}
const job = {
  BackupJobId: 'b1',
  ResourceArn: 'arn:aws:rds:eu-central-1:481516234200:db:orders-prod',
  State: 'COMPLETED',
  CreationDate: 1763776800,
};

describe('aws backup list-backup-jobs', () => {
  it('turns finished jobs into runs keyed by BackupJobId, with the vault’s region', async () => {
    const runs = await parseFixture('aws-backup', 'aws-backup/list-backup-jobs.json');
    expect(runs[0]).toEqual({
      assetKey: null,
      assetReference: 'arn:aws:rds:eu-central-1:481516234200:db:orders-prod',
      tool: 'aws-backup',
      job: '7c2e4f19-8b3a-4d6e-9f01-2a5b7c9d1e3f',
      externalId: '3f1c5a2e-6d7b-4e8f-9a0b-1c2d3e4f5a6b',
      startedAt: new Date('2026-11-22T02:00:00.412Z'),
      finishedAt: new Date('2026-11-22T02:21:47.903Z'),
      status: 'succeeded',
      backupType: null,
      sizeBytes: 107374182400,
      recoveryPointId:
        'arn:aws:rds:eu-central-1:481516234200:snapshot:awsbackup:job-3f1c5a2e-6d7b-4e8f-9a0b-1c2d3e4f5a6b',
      recoveryPointAt: new Date('2026-11-22T02:00:00.412Z'),
      encrypted: null,
      region: 'eu-central-1',
      message: null,
      line: null,
    });
  });

  it('maps states: completed with issues and PARTIAL are partial; FAILED, ABORTED, EXPIRED failed', async () => {
    const runs = await parseFixture('aws-backup', 'aws-backup/list-backup-jobs.json');
    expect(runs.map((run) => [run.assetReference?.split(':')[2], run.status])).toEqual([
      ['rds', 'succeeded'],
      ['ec2', 'partial'],
      ['dynamodb', 'failed'],
      ['elasticfilesystem', 'failed'],
      ['ec2', 'failed'],
      ['cloudformation', 'partial'],
    ]);
    expect(runs[2]).toMatchObject({
      message: 'Insufficient privileges to perform this action.',
      sizeBytes: null,
      recoveryPointAt: null,
    });
    // An expired job never ran, so it has no completion time.
    expect(runs[4]?.finishedAt).toBeNull();
  });

  it('skips jobs that are not results yet (RUNNING, CREATED)', async () => {
    const runs = await parseFixture('aws-backup', 'aws-backup/list-backup-jobs.json');
    expect(runs).toHaveLength(6);
    expect(runs.some((run) => run.assetReference?.includes(':s3:'))).toBe(false);
  });

  it('reads epoch-second dates as printed by AWS CLI v1', async () => {
    const iso = await parseFixture('aws-backup', 'aws-backup/list-backup-jobs.json');
    const epoch = await parseFixture('aws-backup', 'aws-backup/list-backup-jobs-epoch.json');
    expect(epoch.map((run) => [run.startedAt, run.finishedAt])).toEqual(
      iso.slice(0, 3).map((run) => [run.startedAt, run.finishedAt]),
    );
  });

  it('rejects velero output, naming the missing field', async () => {
    const error = await parseError('aws-backup', 'velero/single-backup.json');
    expect((error as Error).message).toBe('aws-backup: BackupJobs: is missing');
  });

  it('names the field of a date that is neither ISO 8601 nor epoch seconds', async () => {
    const input = jobsDocument(job, { ...job, CreationDate: '22/11/2026 03:00' });
    await expect(collect(parseBackupOutput('aws-backup', input))).rejects.toThrow(
      'aws-backup: BackupJobs[1].CreationDate: must be an ISO 8601 date-time or epoch seconds',
    );
  });

  it('refuses a state it does not know rather than guessing', async () => {
    const input = jobsDocument({ ...job, State: 'COMPLETED_WITH_ISSUES' });
    await expect(collect(parseBackupOutput('aws-backup', input))).rejects.toThrow(
      /^aws-backup: BackupJobs\[0\]\.State: /,
    );
  });
});

describe('aws backup list-recovery-points-by-backup-vault', () => {
  it('lists each restorable recovery point as a run keyed by its ARN', async () => {
    const runs = await parseFixture('aws-backup', 'aws-backup/list-recovery-points.json');
    expect(runs[0]).toEqual({
      assetKey: null,
      assetReference: 'arn:aws:rds:eu-central-1:481516234200:db:orders-prod',
      tool: 'aws-backup',
      job: '8b5f0c7a-2d1e-4f3a-9c6b-0e1d2f3a4b5c',
      externalId:
        'arn:aws:rds:eu-central-1:481516234200:snapshot:awsbackup:job-3f1c5a2e-6d7b-4e8f-9a0b-1c2d3e4f5a6b',
      startedAt: new Date('2026-11-22T02:00:00.412Z'),
      finishedAt: new Date('2026-11-22T02:41:57.300Z'),
      status: 'succeeded',
      backupType: null,
      sizeBytes: 61203814400,
      recoveryPointId:
        'arn:aws:rds:eu-central-1:481516234200:snapshot:awsbackup:job-3f1c5a2e-6d7b-4e8f-9a0b-1c2d3e4f5a6b',
      recoveryPointAt: new Date('2026-11-22T02:00:00.412Z'),
      encrypted: true,
      region: 'eu-central-1',
      message: null,
      line: null,
      listed: true,
    });
  });

  it('leaves out points being created, deleted, expired or stopped: they cannot be restored', async () => {
    const runs = await parseFixture('aws-backup', 'aws-backup/list-recovery-points.json');
    expect(runs.map((run) => [run.recoveryPointAt?.toISOString(), run.status])).toEqual([
      ['2026-11-22T02:00:00.412Z', 'succeeded'],
      ['2026-11-08T02:00:00.205Z', 'succeeded'],
      ['2026-11-22T02:00:01.118Z', 'succeeded'],
    ]);
  });

  it('reads an empty vault as no points', async () => {
    expect(await parseFixture('aws-backup', 'aws-backup/empty-recovery-points.json')).toEqual([]);
  });

  it('refuses a truncated listing, naming the line', async () => {
    const error = await parseError('aws-backup', 'aws-backup/recovery-points-truncated.json');
    expect((error as Error).message).toMatch(/^aws-backup: line \d+: /);
  });

  it('refuses a recovery point status it does not know rather than guessing', async () => {
    const error = await parseError('aws-backup', 'aws-backup/recovery-points-unknown-status.json');
    expect((error as Error).message).toMatch(/^aws-backup: RecoveryPoints\[1\]\.Status: /);
  });
});
