import type { Transaction } from 'kysely';
import type { AuditEntry } from '../../platform/audit/append-audit-event.js';
import type { Database } from '../../platform/db/schema.js';
import {
  MAX_REPORTED_CONFLICTS,
  type BackupRunConflict,
  type RecordBackupRunsResult,
} from './backup-run.schema.js';
import {
  backupRunRepository,
  type BackupRunRow,
  type NewBackupRunRow,
} from './backup-runs.repository.js';
import { BackupParseError, type ParsedBackupRun } from './parsers/index.js';

/** A run whose asset is known, with its position in the request or imported output. */
export interface ResolvedBackupRun {
  index: number;
  assetId: string;
  run: ParsedBackupRun;
}

/** What a request or import has stored so far; kept small whatever the number of runs. */
export interface BackupRunTally {
  received: number;
  created: number;
  alreadyRecorded: number;
  conflictCount: number;
  conflicts: BackupRunConflict[];
  tools: Set<string>;
  firstExternalId: string | null;
  lastExternalId: string | null;
  /** The first run this request stored (or found in conflict): the audit entry points at it. */
  firstRunId: string | null;
}

export function emptyBackupRunTally(): BackupRunTally {
  return {
    received: 0,
    created: 0,
    alreadyRecorded: 0,
    conflictCount: 0,
    conflicts: [],
    tools: new Set(),
    firstExternalId: null,
    lastExternalId: null,
    firstRunId: null,
  };
}

/** Runs per insert statement. */
const INSERT_CHUNK = 1000;

/** The stored columns that must match for a re-posted run to count as "already recorded". */
const COMPARED_COLUMNS = [
  ['asset_id', 'asset'],
  ['job', 'job'],
  ['started_at', 'startedAt'],
  ['finished_at', 'finishedAt'],
  ['status', 'status'],
  ['backup_type', 'backupType'],
  ['size_bytes', 'sizeBytes'],
  ['recovery_point_id', 'recoveryPointId'],
  ['recovery_point_at', 'recoveryPointAt'],
  ['encrypted', 'encrypted'],
  ['region', 'region'],
  ['message', 'message'],
] as const satisfies readonly (readonly [keyof NewBackupRunRow & keyof BackupRunRow, string])[];

const runKey = (tool: string, externalId: string) => `${tool}\u0000${externalId}`;

/** Stored and incoming values side by side: dates as instants, bigint sizes as digits. */
function comparable(value: string | number | boolean | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * What must agree for two descriptions of one restore point to be the same run. Some tools print
 * the same run in two outputs under two ids: restic's `backup --json` (the summary's snapshot_id)
 * and `snapshots --json` (the snapshot's id), which also name the job differently (the importer's
 * `job` against the snapshot's tags), time it differently (backup start against snapshot time)
 * and, before restic 0.15, spell the id differently (8-digit short id against the full 64 digits);
 * AWS Backup's `list-backup-jobs` (the job id) and `list-recovery-points-by-backup-vault` (the
 * recovery point ARN). A run is told apart by its restore point then, and only what that point is
 * must agree.
 */
const RESTORE_POINT_IDENTITY_COLUMNS = [
  ['asset_id', 'asset'],
  ['status', 'status'],
] as const satisfies readonly (readonly [keyof NewBackupRunRow & keyof BackupRunRow, string])[];

interface RunIdentity {
  tool: string;
  external_id: string;
  recovery_point_id?: string | null;
}

/**
 * The restore point a run made, as one key across its tool's outputs, or null when the tool
 * identifies runs otherwise: a restic snapshot by its short id (when the run names its snapshot),
 * an AWS recovery point by its ARN.
 */
function restorePointKey(row: RunIdentity): string | null {
  const point = row.recovery_point_id;
  if (typeof point !== 'string') return null;
  if (row.tool === 'restic') {
    return point === row.external_id && /^[0-9a-f]{8}(?:[0-9a-f]{56})?$/.test(point)
      ? point.slice(0, 8)
      : null;
  }
  return row.tool === 'aws-backup' ? point : null;
}

function differingFields(stored: BackupRunRow, incoming: NewBackupRunRow): string[] {
  const key = restorePointKey(incoming);
  const samePoint = key !== null && restorePointKey(stored) === key;
  return (samePoint ? RESTORE_POINT_IDENTITY_COLUMNS : COMPARED_COLUMNS)
    .filter(([column]) => comparable(stored[column]) !== comparable(incoming[column]))
    .map(([, field]) => field);
}

/** Stored runs that may describe the same restore points as these keys (by tool). */
async function storedWithRestorePoints(
  trx: Transaction<Database>,
  keysByTool: Map<string, Set<string>>,
): Promise<BackupRunRow[]> {
  const restic = [...(keysByTool.get('restic') ?? [])];
  const aws = [...(keysByTool.get('aws-backup') ?? [])];
  return [
    ...(await backupRunRepository.findByExternalIdPrefixes(trx, 'restic', restic)),
    ...(await backupRunRepository.findByRecoveryPointIds(trx, 'aws-backup', aws)),
  ];
}

/**
 * Incoming runs whose restore point is already stored under the tool's other id for it (see
 * RESTORE_POINT_IDENTITY_COLUMNS) for the same asset, by position in the chunk: they are the same
 * run and are not inserted again.
 */
async function storedUnderOtherId(
  trx: Transaction<Database>,
  rows: NewBackupRunRow[],
): Promise<Map<number, BackupRunRow>> {
  const keys = new Map<number, string>();
  const keysByTool = new Map<string, Set<string>>();
  rows.forEach((row, position) => {
    const key = restorePointKey(row);
    if (key === null) return;
    keys.set(position, key);
    keysByTool.set(row.tool, (keysByTool.get(row.tool) ?? new Set()).add(key));
  });
  const aliases = new Map<number, BackupRunRow>();
  if (keys.size === 0) return aliases;
  const stored = await storedWithRestorePoints(trx, keysByTool);
  for (const [position, key] of keys) {
    const row = rows[position]!;
    const alias = stored.find(
      (candidate) =>
        candidate.tool === row.tool &&
        candidate.external_id !== row.external_id &&
        candidate.asset_id === row.asset_id &&
        restorePointKey(candidate) === key,
    );
    if (alias) aliases.set(position, alias);
  }
  return aliases;
}

/** A run with its times; see mergeUntimedRuns for the one kind of run that has none. */
interface TimedResolvedRun extends ResolvedBackupRun {
  run: ParsedBackupRun & { startedAt: Date };
}

const isTimed = (resolved: ResolvedBackupRun): resolved is TimedResolvedRun =>
  resolved.run.startedAt !== null;

function toRow(resolved: TimedResolvedRun): NewBackupRunRow {
  const { run } = resolved;
  return {
    asset_id: resolved.assetId,
    tool: run.tool,
    job: run.job,
    external_id: run.externalId,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    status: run.status,
    backup_type: run.backupType,
    size_bytes: run.sizeBytes,
    recovery_point_id: run.recoveryPointId,
    recovery_point_at: run.recoveryPointAt,
    encrypted: run.encrypted,
    region: run.region,
    message: run.message,
  };
}

/**
 * Stores runs with multi-row `insert … on conflict do nothing`, then compares every run that was
 * not inserted with what is stored under its (tool, externalId): the same content is "already
 * recorded" (idempotent re-post), different content is a conflict, reported and never overwritten.
 * A restic snapshot or an AWS recovery point is one run whichever of its tool's outputs described
 * it, under whichever id (RESTORE_POINT_IDENTITY_COLUMNS).
 */
export async function storeBackupRuns(
  trx: Transaction<Database>,
  runs: ResolvedBackupRun[],
  recorded: { at: Date; by: string },
  tally: BackupRunTally,
): Promise<void> {
  await mergeUntimedRuns(
    trx,
    runs.filter((resolved) => !isTimed(resolved)),
    tally,
  );
  const timed = runs.filter(isTimed);
  for (let start = 0; start < timed.length; start += INSERT_CHUNK) {
    const chunk = timed.slice(start, start + INSERT_CHUNK);
    const rows = chunk.map(toRow);
    const aliases = await storedUnderOtherId(trx, rows);
    const inserted = await backupRunRepository.insertMany(
      trx,
      rows.filter((_, position) => !aliases.has(position)),
      recorded,
    );
    const insertedIds = new Map(inserted.map((row) => [runKey(row.tool, row.external_id), row.id]));
    const notInserted: number[] = [];
    rows.forEach((row, position) => {
      const alias = aliases.get(position);
      if (alias) {
        tallyAgainstStored(tally, chunk[position]!, row, alias);
        return;
      }
      const key = runKey(row.tool, row.external_id);
      const id = insertedIds.get(key);
      if (id === undefined) {
        notInserted.push(position);
        return;
      }
      // A run repeated within one request is inserted once; its repeats compare against it.
      insertedIds.delete(key);
      tally.created += 1;
      tally.firstRunId ??= id;
    });
    await compareWithStored(trx, chunk, rows, notInserted, tally);
    for (const row of rows) tally.tools.add(row.tool);
    tally.received += rows.length;
    tally.firstExternalId ??= rows[0]?.external_id ?? null;
    tally.lastExternalId = rows.at(-1)?.external_id ?? tally.lastExternalId;
  }
}

/**
 * Runs whose output gives no time (a restic summary before 0.17 without its snapshot listing): each
 * is the snapshot already recorded for its asset under that id, short or full, and is counted
 * against it (times from the snapshot, never from the moment of ingestion). A snapshot not yet
 * recorded refuses the whole import, naming the summary's line: import the listing first, or
 * append it to the log (docs/backups-formats.md).
 */
async function mergeUntimedRuns(
  trx: Transaction<Database>,
  runs: ResolvedBackupRun[],
  tally: BackupRunTally,
): Promise<void> {
  if (runs.length === 0) return;
  const shortIds = [
    ...new Set(runs.map(({ run }) => (run.recoveryPointId ?? run.externalId).slice(0, 8))),
  ];
  const stored = await backupRunRepository.findByExternalIdPrefixes(trx, 'restic', shortIds);
  for (const resolved of runs) {
    const { run } = resolved;
    const snapshot = stored.find(
      (candidate) =>
        candidate.asset_id === resolved.assetId &&
        candidate.tool === run.tool &&
        run.recoveryPointId !== null &&
        restorePointKey(candidate) === run.recoveryPointId.slice(0, 8),
    );
    if (!snapshot) {
      throw new BackupParseError(
        'restic',
        `snapshot ${run.externalId} is not recorded for this asset yet, and this summary (restic before 0.17) gives no time of its own: import \`restic snapshots --json\` first, or append its output to this log; the snapshot's time is the run's time`,
        { ...(run.line === null ? {} : { line: run.line }), field: 'summary.backup_start' },
      );
    }
    const row = toRow({
      ...resolved,
      run: { ...run, startedAt: snapshot.started_at, recoveryPointAt: snapshot.recovery_point_at },
    });
    tallyAgainstStored(tally, resolved, row, snapshot);
    tally.tools.add(row.tool);
    tally.received += 1;
    tally.firstExternalId ??= row.external_id;
    tally.lastExternalId = row.external_id;
  }
}

async function compareWithStored(
  trx: Transaction<Database>,
  chunk: TimedResolvedRun[],
  rows: NewBackupRunRow[],
  positions: number[],
  tally: BackupRunTally,
): Promise<void> {
  if (positions.length === 0) return;
  const externalIdsByTool = new Map<string, string[]>();
  for (const position of positions) {
    const row = rows[position]!;
    const ids = externalIdsByTool.get(row.tool) ?? [];
    ids.push(row.external_id);
    externalIdsByTool.set(row.tool, ids);
  }
  const stored = new Map(
    (await backupRunRepository.findByToolAndExternalIds(trx, externalIdsByTool)).map((row) => [
      runKey(row.tool, row.external_id),
      row,
    ]),
  );
  for (const position of positions) {
    const row = rows[position]!;
    const existing = stored.get(runKey(row.tool, row.external_id));
    if (existing === undefined) {
      throw new Error(`Run ${row.tool}/${row.external_id} was neither inserted nor found`);
    }
    tallyAgainstStored(tally, chunk[position]!, row, existing);
  }
}

/** The same content is already recorded; a different one is a conflict, reported. */
function tallyAgainstStored(
  tally: BackupRunTally,
  resolved: ResolvedBackupRun,
  row: NewBackupRunRow,
  stored: BackupRunRow,
): void {
  const fields = differingFields(stored, row);
  if (fields.length === 0) {
    tally.alreadyRecorded += 1;
    return;
  }
  tally.conflictCount += 1;
  tally.firstRunId ??= stored.id;
  if (tally.conflicts.length < MAX_REPORTED_CONFLICTS) {
    tally.conflicts.push({
      index: resolved.index,
      line: resolved.run.line,
      tool: row.tool,
      externalId: row.external_id,
      storedRunId: stored.id,
      fields,
    });
  }
}

/** The result a caller sees. */
export function backupRunsResult(tally: BackupRunTally): RecordBackupRunsResult {
  return {
    received: tally.received,
    created: tally.created,
    alreadyRecorded: tally.alreadyRecorded,
    conflictCount: tally.conflictCount,
    conflicts: tally.conflicts,
  };
}

/**
 * The one audit entry of a request or import, however many runs it carried: per-run entries would
 * cost more than the runs themselves. Null when nothing was stored and nothing conflicted.
 */
export function backupRunsAuditEntry(
  tally: BackupRunTally,
  source: Record<string, unknown>,
): AuditEntry | null {
  if (tally.firstRunId === null) return null;
  return {
    action: 'backup-runs.recorded',
    entityType: 'backup-run',
    entityId: tally.firstRunId,
    after: {
      ...source,
      received: tally.received,
      created: tally.created,
      alreadyRecorded: tally.alreadyRecorded,
      conflicts: tally.conflictCount,
      tools: [...tally.tools].sort(),
      firstExternalId: tally.firstExternalId,
      lastExternalId: tally.lastExternalId,
    },
  };
}
