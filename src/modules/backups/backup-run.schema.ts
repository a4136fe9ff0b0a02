import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { registerKeySchema } from '../register/asset.schema.js';
import {
  BACKUP_IMPORT_FORMATS,
  BACKUP_RUN_STATUSES,
  BACKUP_TYPES,
  plumblineBackupRunBatchSchema,
  plumblineBackupRunSchema,
  type PlumblineBackupRun,
} from './parsers/index.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

/**
 * The body of `POST /api/v1/backup-runs`: one run, or `{ runs: [...] }`. Documented as the union;
 * validated by {@link parseRecordBackupRunsBody} so that a bad field is named by its own path
 * (`body.runs.3.status`) instead of zod's "matches neither shape".
 */
export const recordBackupRunsBodySchema = z.union([
  plumblineBackupRunBatchSchema,
  plumblineBackupRunSchema,
]);

/** Field errors of the body named as the caller wrote them, at most this many. */
const MAX_REPORTED_ISSUES = 100;

/** Validates a posted body (single run or batch) into its runs, with field-level issues. */
export function parseRecordBackupRunsBody(
  body: unknown,
):
  | { ok: true; runs: PlumblineBackupRun[] }
  | { ok: false; issues: { path: string; message: string }[] } {
  const isBatch = typeof body === 'object' && body !== null && 'runs' in body;
  const parsed = isBatch
    ? plumblineBackupRunBatchSchema.safeParse(body)
    : plumblineBackupRunSchema.safeParse(body);
  if (parsed.success) {
    return { ok: true, runs: 'runs' in parsed.data ? parsed.data.runs : [parsed.data] };
  }
  return {
    ok: false,
    issues: parsed.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  };
}

/** A run whose (tool, externalId) was already stored with different content. */
export const backupRunConflictSchema = z.object({
  index: z
    .number()
    .int()
    .describe('0-based position of the run in the request, or in the imported output'),
  line: z
    .number()
    .int()
    .nullable()
    .describe(
      'Line of the imported file the run was read from (plumbline NDJSON, restic backup log); null for requests and whole-document formats',
    ),
  tool: z.string(),
  externalId: z.string(),
  storedRunId: z.uuid().describe('The run already stored under this (tool, externalId)'),
  fields: z.array(z.string()).describe('Fields whose value differs from the stored run'),
});
export type BackupRunConflict = z.infer<typeof backupRunConflictSchema>;

/** At most this many conflict rows are returned; `conflictCount` always has the full number. */
export const MAX_REPORTED_CONFLICTS = 100;

export const recordBackupRunsResultSchema = z.object({
  received: z.number().int().describe('Runs in the request'),
  created: z.number().int().describe('Runs stored by this request'),
  alreadyRecorded: z
    .number()
    .int()
    .describe('Runs already stored with the same content (idempotent re-post): not stored again'),
  conflictCount: z
    .number()
    .int()
    .describe('Runs already stored under the same (tool, externalId) with different content'),
  conflicts: z
    .array(backupRunConflictSchema)
    .describe(`The first ${MAX_REPORTED_CONFLICTS} conflicts; the stored runs are kept unchanged`),
});
export type RecordBackupRunsResult = z.infer<typeof recordBackupRunsResultSchema>;

export const importBackupRunsQuerySchema = z.object({
  format: z.enum(BACKUP_IMPORT_FORMATS).describe('Which tool output the body holds'),
  asset: registerKeySchema
    .optional()
    .describe('Asset for runs whose output names none and matches no configuration reference'),
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1')
    .describe('Parse, resolve and count, store nothing'),
  allowEmpty: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1')
    .describe(
      'Accept output that holds no runs (empty, whitespace only, []); refused with a 400 otherwise',
    ),
});
export type ImportBackupRunsQuery = z.infer<typeof importBackupRunsQuerySchema>;

export const importBackupRunsResultSchema = recordBackupRunsResultSchema.extend({
  format: z.enum(BACKUP_IMPORT_FORMATS),
  dryRun: z.boolean().describe('True when nothing was stored: the counts say what would have been'),
});
export type ImportBackupRunsResult = z.infer<typeof importBackupRunsResultSchema>;

export const backupRunViewSchema = z.object({
  id: z.uuid(),
  assetKey: z.string(),
  tool: z.string(),
  job: z.string().nullable(),
  externalId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(BACKUP_RUN_STATUSES),
  backupType: z.enum(BACKUP_TYPES).nullable(),
  sizeBytes: z.number().nullable(),
  recoveryPointId: z.string().nullable(),
  recoveryPointAt: z.string().nullable(),
  encrypted: z.boolean().nullable(),
  region: z.string().nullable(),
  message: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().describe('Who posted it: the token or person, as in the audit trail'),
});
export type BackupRunView = z.infer<typeof backupRunViewSchema>;

const isoDateTime = isoInstant('must be an ISO 8601 date-time');

export const listBackupRunsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional().describe('Only runs of this asset'),
  from: isoDateTime.optional().describe('Runs started at or after this instant'),
  to: isoDateTime.optional().describe('Runs started before this instant'),
  status: z.enum(BACKUP_RUN_STATUSES).optional(),
  tool: z.string().trim().min(1).max(64).optional(),
});
export type ListBackupRunsQuery = z.infer<typeof listBackupRunsQuerySchema>;

export const backupRunPageSchema = pageSchema(backupRunViewSchema);
export type BackupRunPage = z.infer<typeof backupRunPageSchema>;
