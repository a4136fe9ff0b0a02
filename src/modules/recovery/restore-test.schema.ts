import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/paging.js';
import { registerKeySchema } from '../register/asset.schema.js';
import {
  recoveryRecordDetailFields,
  recoveryVerificationFields,
} from './recovery-record.schema.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant();

export const RESTORE_TEST_OUTCOMES = ['pass', 'fail'] as const;
export type RestoreTestOutcome = (typeof RESTORE_TEST_OUTCOMES)[number];
export const RESTORE_TEST_STATUSES = ['recorded', 'verified'] as const;
export type RestoreTestStatus = (typeof RESTORE_TEST_STATUSES)[number];
export const RECOVERY_POINT_SOURCES = ['backup-run', 'given'] as const;

export const integrityCheckSchema = z.object({
  check: z.string().trim().min(1, 'name the check').max(500),
  passed: z.boolean(),
  note: z.string().trim().max(2000).default(''),
});
export type IntegrityCheck = z.infer<typeof integrityCheckSchema>;

export const recordRestoreTestBodySchema = z
  .object({
    asset: registerKeySchema.describe('The asset whose backup was restored'),
    backupRunId: z.uuid().optional().describe('The backup run restored (must be of the asset)'),
    startedAt: isoDateTime.describe('When the restore started'),
    finishedAt: isoDateTime.describe('When the restored system was usable and checked'),
    recoveryPointAt: isoDateTime
      .optional()
      .describe("The instant the restored data represents; default: the backup run's"),
    integrityChecks: z
      .array(integrityCheckSchema)
      .min(1, 'record at least one integrity check of the restored data')
      .max(100),
    notes: z.string().trim().max(10_000).default(''),
  })
  .superRefine((body, ctx) => {
    if (Date.parse(body.finishedAt) < Date.parse(body.startedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finishedAt'],
        message: 'must not be before startedAt',
      });
    }
    if (body.recoveryPointAt && Date.parse(body.recoveryPointAt) > Date.parse(body.startedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recoveryPointAt'],
        message: 'must not be after the restore started',
      });
    }
    if (!body.recoveryPointAt && !body.backupRunId) {
      ctx.addIssue({
        code: 'custom',
        path: ['recoveryPointAt'],
        message: 'give the recovery point, or the backup run it comes from',
      });
    }
  });
export type RecordRestoreTestInput = z.infer<typeof recordRestoreTestBodySchema>;

export const listRestoreTestsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional(),
  outcome: z.enum(RESTORE_TEST_OUTCOMES).optional(),
  status: z.enum(RESTORE_TEST_STATUSES).optional(),
});
export type ListRestoreTestsQuery = z.infer<typeof listRestoreTestsQuerySchema>;

export const restoreTestViewSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('RT-0001'),
  assetKey: z.string(),
  assetName: z.string(),
  backupRunId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  recoveryPointAt: z.string(),
  recoveryPointSource: z.enum(RECOVERY_POINT_SOURCES),
  measuredRtoSeconds: z.number().describe('finishedAt − startedAt'),
  measuredRpoSeconds: z.number().describe('startedAt − recoveryPointAt'),
  targetRto: z.string(),
  targetRpo: z.string(),
  targetsSource: z.string(),
  integrityChecks: z.array(integrityCheckSchema),
  outcome: z.enum(RESTORE_TEST_OUTCOMES),
  failureReasons: z.array(z.string()),
  notes: z.string(),
  status: z.enum(RESTORE_TEST_STATUSES),
  performerLabel: z.string(),
  ...recoveryVerificationFields,
});
export type RestoreTestView = z.infer<typeof restoreTestViewSchema>;

export const restoreTestDetailSchema = restoreTestViewSchema.extend(recoveryRecordDetailFields);
export type RestoreTestDetail = z.infer<typeof restoreTestDetailSchema>;

export const formatRestoreTestNumber = (number: number): string =>
  `RT-${String(number).padStart(4, '0')}`;
