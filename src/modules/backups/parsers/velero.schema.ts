import { z } from 'zod';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../../platform/time/supported-instants.js';

// `velero backup get -o json`: Backup objects of the velero.io/v1 API (pkg/apis/velero/v1).

const kubernetesTime = z.iso
  .datetime({ offset: true, message: 'must be an RFC 3339 time' })
  .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE);

export const VELERO_BACKUP_PHASES = [
  'New',
  // Queued and ReadyToStart come with concurrent backups (1.17); Uploading* with 1.10's data mover.
  'Queued',
  'ReadyToStart',
  'FailedValidation',
  'InProgress',
  'Uploading',
  'UploadingPartialFailure',
  'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed',
  'Finalizing',
  'FinalizingPartiallyFailed',
  'Completed',
  'PartiallyFailed',
  'Failed',
  'Deleting',
] as const;
export type VeleroBackupPhase = (typeof VELERO_BACKUP_PHASES)[number];

export const veleroBackupSchema = z.object({
  kind: z.literal('Backup').optional(),
  metadata: z.object({
    name: z.string().min(1),
    uid: z.string().optional(),
    creationTimestamp: kubernetesTime.optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  spec: z
    .object({
      includedNamespaces: z.array(z.string()).nullish(),
      storageLocation: z.string().optional(),
    })
    .optional(),
  status: z
    .object({
      // A backup the server has not picked up yet has no phase at all.
      phase: z.enum(VELERO_BACKUP_PHASES).optional(),
      startTimestamp: kubernetesTime.optional(),
      completionTimestamp: kubernetesTime.optional(),
      errors: z.number().int().nonnegative().optional(),
      warnings: z.number().int().nonnegative().optional(),
      failureReason: z.string().optional(),
      validationErrors: z.array(z.string()).nullish(),
      progress: z
        .object({
          totalItems: z.number().int().optional(),
          itemsBackedUp: z.number().int().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type VeleroBackup = z.infer<typeof veleroBackupSchema>;

/** Several backups come as a Kubernetes list: `{ "kind": "BackupList"?, "items": [...] }`. */
export const veleroBackupListSchema = z.object({
  kind: z.string().optional(),
  items: z.array(z.unknown()),
});
