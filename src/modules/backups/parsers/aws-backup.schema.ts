import { z } from 'zod';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../../platform/time/supported-instants.js';

// `aws backup list-backup-jobs` (the ListBackupJobs API response as the AWS CLI prints it).

/** AWS CLI v2 prints ISO 8601 strings; v1 and raw API responses give epoch seconds. */
const awsTimestampMessage = 'must be an ISO 8601 date-time or epoch seconds';
const awsTimestamp = z.union(
  [
    z.iso
      .datetime({ offset: true, message: awsTimestampMessage })
      .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE),
    z.number().nonnegative(awsTimestampMessage),
  ],
  { error: awsTimestampMessage },
);

export const AWS_BACKUP_JOB_STATES = [
  'CREATED',
  'PENDING',
  'RUNNING',
  'ABORTING',
  'ABORTED',
  'COMPLETED',
  'FAILED',
  'EXPIRED',
  'PARTIAL',
] as const;
export type AwsBackupJobState = (typeof AWS_BACKUP_JOB_STATES)[number];

export const awsBackupJobSchema = z.object({
  BackupJobId: z.string().min(1),
  ResourceArn: z.string().min(1),
  ResourceType: z.string().optional(),
  State: z.enum(AWS_BACKUP_JOB_STATES),
  CreationDate: awsTimestamp,
  CompletionDate: awsTimestamp.optional(),
  BackupSizeInBytes: z.number().int().nonnegative().optional(),
  RecoveryPointArn: z.string().optional(),
  StatusMessage: z.string().optional(),
  // "Completed with issues" in the console is COMPLETED with a category other than SUCCESS.
  MessageCategory: z.string().optional(),
  BackupVaultArn: z.string().optional(),
  BackupType: z.string().optional(),
  IsEncrypted: z.boolean().optional(),
  CreatedBy: z.object({ BackupPlanId: z.string().optional() }).optional(),
});
export type AwsBackupJob = z.infer<typeof awsBackupJobSchema>;

export const awsListBackupJobsSchema = z.object({
  BackupJobs: z.array(awsBackupJobSchema),
  NextToken: z.string().optional(),
});

// `aws backup list-recovery-points-by-backup-vault` (ListRecoveryPointsByBackupVault): the
// recovery points a vault holds now, which is what a retention check needs.

export const AWS_RECOVERY_POINT_STATUSES = [
  'CREATING',
  'AVAILABLE',
  'COMPLETED',
  'PARTIAL',
  'STOPPED',
  'DELETING',
  'EXPIRED',
] as const;
export type AwsRecoveryPointStatus = (typeof AWS_RECOVERY_POINT_STATUSES)[number];

export const awsRecoveryPointSchema = z.object({
  RecoveryPointArn: z.string().min(1),
  ResourceArn: z.string().min(1),
  ResourceType: z.string().optional(),
  BackupVaultArn: z.string().optional(),
  Status: z.enum(AWS_RECOVERY_POINT_STATUSES),
  StatusMessage: z.string().optional(),
  CreationDate: awsTimestamp,
  CompletionDate: awsTimestamp.optional(),
  BackupSizeInBytes: z.number().int().nonnegative().optional(),
  IsEncrypted: z.boolean().optional(),
  CreatedBy: z.object({ BackupPlanId: z.string().optional() }).optional(),
});
export type AwsRecoveryPoint = z.infer<typeof awsRecoveryPointSchema>;

export const awsListRecoveryPointsSchema = z.object({
  RecoveryPoints: z.array(awsRecoveryPointSchema),
  NextToken: z.string().optional(),
});
