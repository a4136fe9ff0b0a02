import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { limitToolOutput, toolOutputRefused } from '../../platform/imports/tool-output.js';
import { findTextProblems } from '../../platform/text/text-problems.js';
import type { ImportBackupRunsResult } from './backup-run.schema.js';
import {
  backupPointListingRepository,
  type NewPointListing,
} from './backup-point-listings.repository.js';
import {
  BackupParseError,
  parseBackupOutput,
  type BackupImportFormat,
  type BackupInput,
  type ParsedBackupRun,
} from './parsers/index.js';
import { createBackupAssetResolver, type PositionedBackupRun } from './resolve-backup-assets.js';
import {
  backupRunsAuditEntry,
  backupRunsResult,
  emptyBackupRunTally,
  storeBackupRuns,
  type ResolvedBackupRun,
} from './store-backup-runs.js';

/**
 * The largest tool output one import accepts: a million runs in Plumbline's NDJSON are about 200 MB;
 * a larger backfill is split into several imports.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** What an import past the size limit is refused with. */
export const backupImportTooLarge = (megabytes: number) =>
  `The import is larger than ${megabytes} MB; split the output and import the parts`;

/** Runs resolved and inserted together: memory holds one batch, whatever the size of the input. */
const IMPORT_BATCH = 1000;

export interface ImportBackupRunsOptions {
  format: BackupImportFormat;
  /** Asset for runs whose output names none (and matches no configuration reference). */
  defaultAssetKey?: string | undefined;
  /** Count what would be stored, store nothing. */
  dryRun: boolean;
  /**
   * Accept output that holds no runs (empty, whitespace, `[]`). Off by default: a backup job that
   * printed nothing has usually failed, and its import must fail too.
   */
  allowEmpty?: boolean;
  maxBytes?: number;
}

/** Ends a dry run's transaction by rolling it back, carrying the counts out. */
class DryRunFinished extends Error {
  constructor(readonly result: ImportBackupRunsResult) {
    super('dry run');
  }
}

/** Whether anything but whitespace (and a byte order mark) has been read. */
interface InputSeen {
  content: boolean;
}

const BLANK = /^[\s\uFEFF]*$/;

/** Marks the input as having content at its first chunk that is not all whitespace. */
function noticeContent(seen: InputSeen): (chunk: Buffer | string) => void {
  return (chunk) => {
    // Whitespace is ASCII, so a multi-byte character split across chunks still counts as content.
    if (!seen.content && !BLANK.test(typeof chunk === 'string' ? chunk : chunk.toString('latin1')))
      seen.content = true;
  };
}

/** Refuses a run holding text no column can store (NUL, a lone surrogate), naming line and field. */
function refuseUnstorableText(
  format: BackupImportFormat,
  run: ParsedBackupRun,
  index: number,
): void {
  const [problem] = findTextProblems({ ...run, line: null }, '');
  if (!problem) return;
  throw new BackupParseError(format, problem.message, {
    ...(run.line === null ? {} : { line: run.line }),
    field: run.line === null ? `run ${index + 1}: ${problem.path}` : problem.path,
  });
}

function emptyInput(format: BackupImportFormat): AppError {
  return new AppError(
    'validation_failed',
    `Nothing was imported: the ${format} output holds no backup runs (did the backup job run?); pass allowEmpty=true (--allow-empty) when no runs is expected`,
    { issues: [{ path: 'body', message: 'holds no backup runs' }], details: { format } },
  );
}

/**
 * Per asset, the restore points a snapshot listing names as restorable (not failed), folded into
 * the oldest, the newest and how many, as the runs stream past.
 */
function foldListedPoints(listings: Map<string, NewPointListing>, runs: ResolvedBackupRun[]) {
  for (const { assetId, run } of runs) {
    if (run.listed !== true || run.status === 'failed') continue;
    const point = run.recoveryPointAt ?? run.startedAt;
    if (point === null) continue;
    const listing = listings.get(assetId);
    if (!listing) {
      listings.set(assetId, {
        assetId,
        tool: run.tool,
        oldestPointAt: point,
        newestPointAt: point,
        pointCount: 1,
      });
      continue;
    }
    if (point < listing.oldestPointAt) listing.oldestPointAt = point;
    if (point > listing.newestPointAt) listing.newestPointAt = point;
    listing.pointCount += 1;
  }
}

/**
 * Imports a backup tool's raw output as it streams in: parsed run by run, resolved and inserted in
 * batches of 1,000, all inside one transaction, so memory stays flat and malformed input (or an
 * unknown asset anywhere) stores nothing. Idempotent like `recordBackupRuns`; one audit entry.
 * A snapshot listing also records, per asset, the oldest and newest point it shows restorable
 * (`backup-points.listed`), which the retention check reads.
 */
export async function importBackupRuns(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: BackupInput,
  options: ImportBackupRunsOptions,
): Promise<ImportBackupRunsResult> {
  const { format, defaultAssetKey, dryRun } = options;
  const allowEmpty = options.allowEmpty ?? false;
  const seen: InputSeen = { content: false };
  const resolver = createBackupAssetResolver({
    defaultAssetKey,
    locate: ({ index, run }) => (run.line === null ? `run ${index + 1}` : `line ${run.line}`),
  });
  try {
    return await mutate(
      ctx,
      actor,
      async (tx) => {
        const tally = emptyBackupRunTally();
        const listings = new Map<string, NewPointListing>();
        const store = async (batch: PositionedBackupRun[]) => {
          const resolved = await resolver.resolve(tx.trx, batch);
          await storeBackupRuns(tx.trx, resolved, { at: tx.now, by: actor.label }, tally);
          foldListedPoints(listings, resolved);
        };
        const runs = parseBackupOutput(
          format,
          limitToolOutput(
            input,
            {
              maxBytes: options.maxBytes ?? MAX_IMPORT_BYTES,
              tooLarge: backupImportTooLarge,
            },
            noticeContent(seen),
          ),
          {
            ...(defaultAssetKey === undefined ? {} : { defaultAssetKey }),
            receivedAt: tx.now,
          },
        );
        let batch: PositionedBackupRun[] = [];
        let index = 0;
        for await (const run of runs) {
          refuseUnstorableText(format, run, index);
          batch.push({ index, run });
          index += 1;
          if (batch.length >= IMPORT_BATCH) {
            await store(batch);
            batch = [];
          }
        }
        if (batch.length > 0) await store(batch);
        if (index === 0 && !allowEmpty) throw emptyInput(format);
        const result = { ...backupRunsResult(tally), format, dryRun };
        if (dryRun) throw new DryRunFinished(result);
        const entry = backupRunsAuditEntry(tally, { via: 'import', format });
        if (entry) await tx.audit(entry);
        await recordListings(tx, [...listings.values()], format);
        return result;
      },
      { mayFindNothingToDo: true },
    );
  } catch (error) {
    if (error instanceof DryRunFinished) return error.result;
    if (error instanceof BackupParseError && !seen.content) {
      // Empty output, which the single-document formats refuse as JSON: the same answer as `[]`.
      if (!allowEmpty) throw emptyInput(format);
      return { ...backupRunsResult(emptyBackupRunTally()), format, dryRun };
    }
    if (error instanceof BackupParseError) throw toolOutputRefused(error);
    throw error;
  }
}

/**
 * What the listing showed restorable per asset, with one audit entry for the import. A listing
 * that shows an asset exactly as its latest one did (same tool, oldest and newest point, count)
 * records nothing, so importing the same output again stays idempotent.
 */
async function recordListings(
  tx: AuditedTransaction,
  folded: NewPointListing[],
  format: BackupImportFormat,
): Promise<void> {
  const latest = await backupPointListingRepository.latestByAsset(tx.trx, {
    assetIds: folded.map((listing) => listing.assetId),
    at: tx.now,
  });
  const listings = folded.filter((listing) => {
    const previous = latest.get(listing.assetId);
    return !(
      previous &&
      previous.tool === listing.tool &&
      previous.oldestPointAt.getTime() === listing.oldestPointAt.getTime() &&
      previous.newestPointAt.getTime() === listing.newestPointAt.getTime() &&
      previous.pointCount === listing.pointCount
    );
  });
  if (listings.length === 0) return;
  await backupPointListingRepository.insertMany(tx.trx, listings, {
    at: tx.now,
    by: tx.actor.label,
  });
  await tx.audit({
    action: 'backup-points.listed',
    entityType: 'asset',
    entityId: listings[0]!.assetId,
    after: {
      format,
      assets: listings.map((listing) => ({
        assetId: listing.assetId,
        tool: listing.tool,
        oldestPointAt: listing.oldestPointAt.toISOString(),
        newestPointAt: listing.newestPointAt.toISOString(),
        pointCount: listing.pointCount,
      })),
    },
  });
}
