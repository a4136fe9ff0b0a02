import type { BackupInput } from './backup-input.js';
import { parseWithSchema, readJsonDocument } from './json-input.js';
import type { BackupRunStatus, ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import {
  awsListBackupJobsSchema,
  awsListRecoveryPointsSchema,
  type AwsBackupJob,
  type AwsBackupJobState,
  type AwsRecoveryPoint,
  type AwsRecoveryPointStatus,
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
 * Recovery point statuses that can be restored, and the run status they mean; points being
 * created, stopped (a continuous backup turned off), being deleted or expired are not restore
 * points to count.
 */
const STATUS_BY_POINT_STATUS: Partial<Record<AwsRecoveryPointStatus, BackupRunStatus>> = {
  AVAILABLE: 'succeeded',
  COMPLETED: 'succeeded',
  // A composite recovery point some of whose nested points are missing.
  PARTIAL: 'partial',
};

function pointToRun(
  point: AwsRecoveryPoint,
  status: BackupRunStatus,
  options: ParseBackupOptions,
): ParsedBackupRun {
  const createdAt = toDate(point.CreationDate);
  return {
    assetKey: options.defaultAssetKey ?? null,
    assetReference: point.ResourceArn,
    tool: 'aws-backup',
    job: point.CreatedBy?.BackupPlanId ?? null,
    // The point's ARN: the job that made it (list-backup-jobs) is the same run, matched by it.
    externalId: point.RecoveryPointArn,
    startedAt: createdAt,
    finishedAt: point.CompletionDate === undefined ? null : toDate(point.CompletionDate),
    status,
    backupType: null,
    sizeBytes: point.BackupSizeInBytes ?? null,
    recoveryPointId: point.RecoveryPointArn,
    recoveryPointAt: createdAt,
    encrypted: point.IsEncrypted ?? null,
    region: regionOf(point.BackupVaultArn) ?? regionOf(point.RecoveryPointArn),
    message: point.StatusMessage ?? null,
    line: null,
    listed: true,
  };
}

/**
 * `aws backup list-recovery-points-by-backup-vault`: `{ "RecoveryPoints": [...] }`, the points the
 * vault holds now: one run per restorable point (a snapshot listing, so the import also records
 * the oldest point per asset for the retention check).
 */
function* recoveryPointRuns(
  document: unknown,
  options: ParseBackupOptions,
): Generator<ParsedBackupRun> {
  const { RecoveryPoints: points } = parseWithSchema(
    'aws-backup',
    awsListRecoveryPointsSchema,
    document,
  );
  for (const point of points) {
    const status = STATUS_BY_POINT_STATUS[point.Status] ?? null;
    if (status !== null) yield pointToRun(point, status, options);
  }
}

/**
 * `aws backup list-backup-jobs`: `{ "BackupJobs": [...], "NextToken"? }`, or
 * `aws backup list-recovery-points-by-backup-vault`: `{ "RecoveryPoints": [...] }` (told apart by
 * that key; see recoveryPointRuns). One run per finished
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
  if ('RecoveryPoints' in document) {
    yield* recoveryPointRuns(document, options);
    return;
  }
  const { BackupJobs: jobs } = parseWithSchema('aws-backup', awsListBackupJobsSchema, document);
  for (const job of jobs) {
    const status = statusOf(job);
    if (status !== null) yield toRun(job, status, options);
  }
}
