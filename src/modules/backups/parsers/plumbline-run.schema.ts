import { z } from 'zod';
import { registerKeySchema } from '../../register/asset.schema.js';
import { BACKUP_RUN_STATUSES, BACKUP_TYPES, type ParsedBackupRun } from './parsed-backup-run.js';
import { isoInstant } from '../../../platform/time/iso-instant.js';

/** Most runs a single `POST /api/v1/backup-runs` may carry; larger sets go through the import. */
export const MAX_RUNS_PER_REQUEST = 10_000;

const isoDateTime = isoInstant('must be an ISO 8601 date-time such as 2026-11-23T02:00:00Z');
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** One backup run in Plumbline's own JSON shape: the API body and one line of the NDJSON import. */
export const plumblineBackupRunSchema = z
  .object({
    asset: registerKeySchema.describe('Key of the asset that was backed up'),
    tool: text(64).min(1, 'must not be empty').describe('The backup tool, e.g. restic or pg_dump'),
    job: text(200).nullish().describe('The job or schedule name in the tool'),
    externalId: text(256)
      .min(1, 'must not be empty')
      .describe('Id of the run in the tool; (tool, externalId) makes re-posting idempotent'),
    startedAt: isoDateTime,
    finishedAt: isoDateTime.nullish(),
    status: z.enum(BACKUP_RUN_STATUSES),
    backupType: z.enum(BACKUP_TYPES).nullish(),
    sizeBytes: z
      .number()
      .int('must be a whole number')
      .nonnegative('must not be negative')
      .nullish(),
    recoveryPointId: text(512).nullish().describe('Snapshot or recovery point id'),
    recoveryPointAt: isoDateTime
      .nullish()
      .describe('Instant of the data captured; defaults to startedAt'),
    encrypted: z.boolean().nullish(),
    region: text(64).nullish(),
    message: text(4000).nullish().describe('Error text of a failed or partial run'),
  })
  .refine(
    (run) =>
      run.finishedAt === undefined ||
      run.finishedAt === null ||
      Date.parse(run.finishedAt) >= Date.parse(run.startedAt),
    { path: ['finishedAt'], message: 'must not be before startedAt' },
  );
export type PlumblineBackupRun = z.infer<typeof plumblineBackupRunSchema>;

/** The batch form of `POST /api/v1/backup-runs`: `{ runs: [...] }`. */
export const plumblineBackupRunBatchSchema = z.object({
  runs: z
    .array(plumblineBackupRunSchema)
    .min(1, 'must hold at least one run')
    .max(MAX_RUNS_PER_REQUEST, `must hold at most ${MAX_RUNS_PER_REQUEST} runs`),
});
export type PlumblineBackupRunBatch = z.infer<typeof plumblineBackupRunBatchSchema>;

const optionalDate = (value: string | null | undefined): Date | null =>
  value === undefined || value === null ? null : new Date(value);

/** Turns a validated run in Plumbline's JSON shape into the shape every parser produces. */
export function toParsedBackupRun(
  run: PlumblineBackupRun,
  line: number | null = null,
): ParsedBackupRun {
  const startedAt = new Date(run.startedAt);
  return {
    assetKey: run.asset,
    assetReference: null,
    tool: run.tool,
    job: run.job ?? null,
    externalId: run.externalId,
    startedAt,
    finishedAt: optionalDate(run.finishedAt),
    status: run.status,
    backupType: run.backupType ?? null,
    sizeBytes: run.sizeBytes ?? null,
    recoveryPointId: run.recoveryPointId ?? null,
    recoveryPointAt: optionalDate(run.recoveryPointAt) ?? startedAt,
    encrypted: run.encrypted ?? null,
    region: run.region ?? null,
    message: run.message ?? null,
    line,
  };
}
