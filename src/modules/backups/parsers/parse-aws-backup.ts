import type { BackupInput } from './backup-input.js';
import { parseWithSchema, readJsonDocument } from './json-input.js';
import type { BackupRunStatus, ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import {
  awsListBackupJobsSchema,
  type AwsBackupJob,
  type AwsBackupJobState,
} from './aws-backup.schema.js';

/** Finished states and the run status they mean; jobs in other states are not results yet. */
const STATUS_BY_STATE: Partial<Record<AwsBackupJobState, BackupRunStatus>> = {
  COMPLETED: 'succeeded',
  PARTIAL: 'partial',
  FAILED: 'failed',
  ABORTED: 'failed',
  // The job never started within its start window: no backup was taken.
  EXPIRED: 'failed',
};

function toDate(value: string | number): Date {
  return typeof value === 'number' ? new Date(value * 1000) : new Date(value);
}

/** The region field of an ARN (`arn:partition:service:region:account:resource`), if any. */
function regionOf(arn: string | undefined): string | null {
  const region = arn?.split(':')[3];
  return region === undefined || region === '' ? null : region;
}

function statusOf(job: AwsBackupJob): BackupRunStatus | null {
  const status = STATUS_BY_STATE[job.State] ?? null;
  const completedWithIssues =
    status === 'succeeded' &&
    job.MessageCategory !== undefined &&
    job.MessageCategory !== 'SUCCESS';
  return completedWithIssues ? 'partial' : status;
}

function toRun(
  job: AwsBackupJob,
  status: BackupRunStatus,
  options: ParseBackupOptions,
): ParsedBackupRun {
  const createdAt = toDate(job.CreationDate);
  return {
    assetKey: options.defaultAssetKey ?? null,
    assetReference: job.ResourceArn,
    tool: 'aws-backup',
    job: job.CreatedBy?.BackupPlanId ?? null,
    externalId: job.BackupJobId,
    // AWS reports no separate start time; the job starts within minutes of its creation.
    startedAt: createdAt,
    finishedAt: job.CompletionDate === undefined ? null : toDate(job.CompletionDate),
    status,
    // BackupType is WindowsVSS or empty, not full/incremental; AWS chooses that internally.
    backupType: null,
    sizeBytes: status === 'failed' ? null : (job.BackupSizeInBytes ?? null),
    recoveryPointId: job.RecoveryPointArn ?? null,
    recoveryPointAt: status === 'failed' ? null : createdAt,
    encrypted: job.IsEncrypted ?? null,
    // Where the backup is kept (the vault), which is what an offsite requirement is about.
    region: regionOf(job.BackupVaultArn) ?? regionOf(job.RecoveryPointArn),
    message: job.StatusMessage ?? null,
    line: null,
  };
}

/**
 * `aws backup list-backup-jobs`: `{ "BackupJobs": [...], "NextToken"? }`. One run per finished
 * job; CREATED, PENDING, RUNNING and ABORTING jobs are skipped because they are not results yet
 * (import again once they finish: the job id makes that idempotent). An empty BackupJobs array is
 * valid and yields nothing. NextToken is ignored: each page is imported on its own.
 */
export async function* parseAwsBackup(
  input: BackupInput,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  const document = await readJsonDocument(
    'aws-backup',
    input,
    'aws backup list-backup-jobs',
    'object',
  );
  const { BackupJobs: jobs } = parseWithSchema('aws-backup', awsListBackupJobsSchema, document);
  for (const job of jobs) {
    const status = statusOf(job);
    if (status !== null) yield toRun(job, status, options);
  }
}
