import { z } from 'zod';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../../platform/time/supported-instants.js';

// Shapes of restic's JSON output as documented in restic's doc/075_scripting.rst ("JSON output").
// Unknown fields are ignored: restic adds fields and message types between versions.

const rfc3339 = z.iso
  .datetime({ offset: true, message: 'must be an RFC 3339 time' })
  .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE);
const byteCount = z.number().int('must be a whole number').nonnegative('must not be negative');

/** Every line of `restic backup --json` names its kind. */
export const resticMessageSchema = z.object({ message_type: z.string() });

/** The last line of a backup that produced (or, with --skip-if-unchanged, skipped) a snapshot. */
export const resticBackupSummarySchema = z.object({
  dry_run: z.boolean().optional(),
  total_bytes_processed: byteCount,
  data_added: byteCount.optional(),
  total_duration: z.number().nonnegative().optional(),
  // Since restic 0.17; older summaries carry no timestamp at all.
  backup_start: rfc3339.optional(),
  backup_end: rfc3339.optional(),
  snapshot_id: z.string().min(1).optional(),
});
export type ResticBackupSummary = z.infer<typeof resticBackupSummarySchema>;

/** A file or directory restic could not read; the backup goes on without it. */
export const resticBackupErrorSchema = z.object({
  // restic 0.17 documents `error.message`; older versions printed the error as a plain string.
  error: z.union([z.string(), z.object({ message: z.string().optional() })]).optional(),
  during: z.string().optional(),
  item: z.string().optional(),
});
export type ResticBackupError = z.infer<typeof resticBackupErrorSchema>;

/** Fatal error printed as the final line before restic exits (since 0.17). */
export const resticExitErrorSchema = z.object({
  code: z.number().int(),
  message: z.string(),
});
export type ResticExitError = z.infer<typeof resticExitErrorSchema>;

export const resticStatusSchema = z.object({
  seconds_elapsed: z.number().nonnegative().optional(),
});

/** One element of `restic snapshots --json`. */
export const resticSnapshotSchema = z.object({
  id: z.string().min(1),
  time: rfc3339,
  hostname: z.string().optional(),
  paths: z.array(z.string()).optional(),
  tags: z.array(z.string()).nullish(),
  // Since restic 0.17 the snapshot stores the statistics of the backup that made it.
  summary: z
    .object({
      backup_start: rfc3339.optional(),
      backup_end: rfc3339.optional(),
      total_bytes_processed: byteCount.optional(),
    })
    .optional(),
});
export type ResticSnapshot = z.infer<typeof resticSnapshotSchema>;

/** `restic snapshots --json --group-by …` wraps the snapshots in groups. */
export const resticSnapshotGroupSchema = z.object({
  group_key: z.unknown(),
  snapshots: z.array(z.unknown()),
});
