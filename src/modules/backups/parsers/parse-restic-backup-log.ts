import { BackupParseError } from './backup-parse-error.js';
import type { NumberedLine } from './backup-input.js';
import { parseJson, parseWithSchema } from './json-input.js';
import type { ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import {
  resticBackupErrorSchema,
  resticBackupSummarySchema,
  resticExitErrorSchema,
  resticMessageSchema,
  resticStatusSchema,
  type ResticBackupError,
  type ResticBackupSummary,
} from './restic.schema.js';
import { ResticRunErrors } from './restic-run-errors.js';
import { parseResticSnapshots } from './parse-restic-snapshots.js';
import { derivedExternalId } from './stable-id.js';

/** What has been read of the run in progress: its errors and how long it had been running. */
interface OpenRun {
  errors: ResticRunErrors;
  secondsElapsed: number;
  progressLines: number;
}

const openRun = (): OpenRun => ({
  errors: new ResticRunErrors(),
  secondsElapsed: 0,
  progressLines: 0,
});

function errorText(line: ResticBackupError): string {
  const message = typeof line.error === 'string' ? line.error : (line.error?.message ?? 'error');
  const where = [line.during, line.item].filter(Boolean).join(' ');
  return where === '' ? message : `${where}: ${message}`;
}

function requireReceivedAt(options: ParseBackupOptions, line: number, why: string): Date {
  if (options.receivedAt === undefined) {
    throw new BackupParseError('restic', `${why}; the importer must say when it was received`, {
      line,
    });
  }
  return options.receivedAt;
}

function baseRun(
  options: ParseBackupOptions,
): Pick<
  ParsedBackupRun,
  'assetKey' | 'assetReference' | 'tool' | 'job' | 'backupType' | 'encrypted' | 'region'
> {
  // restic's backup output names neither host nor paths, and a repository is always encrypted;
  // every snapshot is a complete restore point, so restic has no full/incremental distinction.
  return {
    assetKey: options.defaultAssetKey ?? null,
    assetReference: null,
    tool: 'restic',
    job: null,
    backupType: null,
    encrypted: true,
    region: null,
  };
}

function succeededRun(
  summary: ResticBackupSummary,
  run: OpenRun,
  line: NumberedLine,
  options: ParseBackupOptions,
): ParsedBackupRun {
  // Only --skip-if-unchanged (0.17+, which always writes backup_start) may leave the id out.
  if (summary.snapshot_id === undefined && summary.backup_start === undefined) {
    throw new BackupParseError('restic', 'is missing', {
      line: line.number,
      field: 'summary.snapshot_id',
    });
  }
  // Before 0.17 the summary carries no time at all: the run's time is its snapshot's, which a
  // snapshot listing gives (appended to this log, or recorded before); see timeFromSnapshot.
  const startedAt = summary.backup_start === undefined ? null : new Date(summary.backup_start);
  const finishedAt =
    summary.backup_start === undefined
      ? null
      : new Date(summary.backup_end ?? summary.backup_start);
  return {
    ...baseRun(options),
    // --skip-if-unchanged (0.17+) omits snapshot_id; the summary's own times then make the id.
    externalId: summary.snapshot_id ?? derivedExternalId('restic-unchanged', [line.text.trim()]),
    startedAt,
    finishedAt,
    status: run.errors.isEmpty ? 'succeeded' : 'partial',
    sizeBytes: summary.total_bytes_processed,
    recoveryPointId: summary.snapshot_id ?? null,
    // The snapshot's time is the start of the backup: that is the instant its data reflects. An
    // unchanged source means the previous snapshot still holds the data as of this start.
    recoveryPointAt: startedAt,
    message: run.errors.message(),
    line: line.number,
  };
}

/** A snapshot's time by its short id (the first 8 hex digits), from a listing inside the log. */
type SnapshotTimes = Map<string, Date>;

/**
 * A run of a summary without times, timed by its snapshot when the log also holds the snapshot
 * listing (`restic snapshots --json` appended after the backup): the snapshot's time is when the
 * backup started, and the summary's duration gives its end. Unchanged when the snapshot is not
 * listed: the store then takes the time from the recorded snapshot, or refuses the run.
 */
function timeFromSnapshot(
  run: ParsedBackupRun,
  durationSeconds: number,
  times: SnapshotTimes,
): ParsedBackupRun {
  if (run.startedAt !== null || run.recoveryPointId === null) return run;
  const time = times.get(run.recoveryPointId.slice(0, 8));
  if (time === undefined) return run;
  return {
    ...run,
    startedAt: time,
    finishedAt: new Date(time.getTime() + durationSeconds * 1000),
    recoveryPointAt: time,
  };
}

function failedRun(
  run: OpenRun,
  exitMessage: string | null,
  line: number,
  options: ParseBackupOptions,
): ParsedBackupRun {
  // Failure lines carry no time: the run ended when its output was received.
  const finishedAt = requireReceivedAt(
    options,
    line,
    'a failed restic backup carries no timestamp',
  );
  return {
    ...baseRun(options),
    externalId: run.errors.failureId({
      assetKey: options.defaultAssetKey ?? null,
      receivedAt: finishedAt,
    }),
    startedAt: new Date(finishedAt.getTime() - run.secondsElapsed * 1000),
    finishedAt,
    status: 'failed',
    sizeBytes: null,
    recoveryPointId: null,
    recoveryPointAt: null,
    message: run.errors.message(exitMessage),
    line,
  };
}

/**
 * `restic backup --json` (stdout and, with 2>&1, stderr): JSON lines. `status` and
 * `verbose_status` lines are progress and ignored; `error` lines are files that could not be read;
 * `summary` ends a run that made a snapshot; `exit_error` (0.17+) is a fatal end. Several runs
 * appended to one log are read one after the other.
 *
 * - summary without errors → succeeded; errors then a summary → partial;
 * - errors or exit_error without a summary → failed;
 * - an exit_error right after a summary (exit code 3: some source files were unreadable) makes
 *   that run partial; a dry-run summary is not a backup and is skipped.
 */
export async function* parseResticBackupLog(
  lines: AsyncIterable<NumberedLine>,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  let run = openRun();
  // A finished run waits for one more line: restic may follow its summary with an exit_error.
  let held: ParsedBackupRun | null = null;
  let lastLine = 0;
  const snapshotTimes: SnapshotTimes = new Map();
  // Summaries without times wait for the end of the log, where a snapshot listing may follow.
  const untimed: { run: ParsedBackupRun; durationSeconds: number }[] = [];
  const durations = new Map<number, number>();
  const finished = (done: ParsedBackupRun): ParsedBackupRun | null => {
    if (done.startedAt !== null) return done;
    untimed.push({ run: done, durationSeconds: durations.get(done.line ?? 0) ?? 0 });
    return null;
  };
  for await (const line of lines) {
    lastLine = line.number;
    if (line.text.trim() === '') continue;
    if (line.text.trimStart().startsWith('[')) {
      // `restic snapshots --json` appended to the log: only its times are read (a partial listing
      // is no evidence of what the repository keeps, so it records no listing).
      for (const listed of parseResticSnapshots(line.text, {})) {
        if (listed.recoveryPointAt)
          snapshotTimes.set(listed.externalId.slice(0, 8), listed.recoveryPointAt);
      }
      continue;
    }
    if (line.text.trim() === '{') {
      // A pretty-printed object is some other tool's document (velero, AWS CLI).
      throw new BackupParseError(
        'restic',
        'expected JSON lines from `restic backup --json` or the array of `restic snapshots --json`; this is a multi-line JSON document',
        { line: line.number },
      );
    }
    const value = parseJson('restic', line.text, line.number);
    const { message_type: messageType } = parseWithSchema('restic', resticMessageSchema, value, {
      line: line.number,
    });
    switch (messageType) {
      case 'status': {
        const status = parseWithSchema('restic', resticStatusSchema, value, { line: line.number });
        run.secondsElapsed = status.seconds_elapsed ?? run.secondsElapsed;
        run.progressLines += 1;
        break;
      }
      case 'error': {
        const done = held && finished(held);
        if (done) yield done;
        held = null;
        const error = parseWithSchema('restic', resticBackupErrorSchema, value, {
          line: line.number,
        });
        run.errors.add(errorText(error), line.text);
        break;
      }
      case 'exit_error': {
        const exit = parseWithSchema('restic', resticExitErrorSchema, value, {
          line: line.number,
          fieldPrefix: 'exit_error',
        });
        const exitMessage = `exit code ${exit.code}: ${exit.message}`;
        if (held !== null && run.errors.isEmpty) {
          const done = finished({
            ...held,
            status: 'partial',
            message: [held.message, exitMessage].filter(Boolean).join('\n'),
          });
          if (done) yield done;
        } else {
          const done = held && finished(held);
          if (done) yield done;
          run.errors.addToId(line.text);
          yield failedRun(run, exitMessage, line.number, options);
        }
        held = null;
        run = openRun();
        break;
      }
      case 'summary': {
        const done = held && finished(held);
        if (done) yield done;
        const summary = parseWithSchema('restic', resticBackupSummarySchema, value, {
          line: line.number,
          fieldPrefix: 'summary',
        });
        durations.set(line.number, summary.total_duration ?? 0);
        held = summary.dry_run === true ? null : succeededRun(summary, run, line, options);
        run = openRun();
        break;
      }
      default:
        // verbose_status and message types added by later restic versions describe progress.
        break;
    }
  }
  const done = held && finished(held);
  if (done) yield done;
  for (const waiting of untimed) {
    yield timeFromSnapshot(waiting.run, waiting.durationSeconds, snapshotTimes);
  }
  if (!run.errors.isEmpty) yield failedRun(run, null, lastLine, options);
  else if (run.progressLines > 0) {
    // Progress with no end at all: the log was cut short, or restic was killed before it could
    // say so. Guessing either would be wrong evidence, so the import is refused.
    throw new BackupParseError(
      'restic',
      'the output ends before a summary or exit_error line (truncated, or restic was killed)',
      { line: lastLine },
    );
  }
}
