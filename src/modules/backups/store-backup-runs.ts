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
import type { ParsedBackupRun } from './parsers/index.js';

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
 * What must agree for two descriptions of one restic snapshot to be the same run. A restic run is
 * told apart by its snapshot alone: `restic backup --json` (its summary's snapshot_id) and
 * `restic snapshots --json` (the snapshot's id) describe one run, but name the job differently
 * (the importer's `job` against the snapshot's tags), time it differently (backup start against
 * snapshot time, summary present or not) and, before restic 0.15, spell the id differently (the
 * summary gives the 8-digit short id, the listing the full 64-digit id).
 */
const SNAPSHOT_IDENTITY_COLUMNS = [
  ['asset_id', 'asset'],
  ['status', 'status'],
] as const satisfies readonly (readonly [keyof NewBackupRunRow & keyof BackupRunRow, string])[];

/** The tool whose runs are identified by their snapshot (parsers/parse-restic-*.ts). */
const SNAPSHOT_TOOL = 'restic';

/** A restic snapshot's short id (its first 8 hex digits), when the run names its snapshot. */
function snapshotShortId(row: {
  tool: string;
  external_id: string;
  recovery_point_id?: string | null;
}): string | null {
  if (row.tool !== SNAPSHOT_TOOL || row.recovery_point_id !== row.external_id) return null;
  return /^[0-9a-f]{8}(?:[0-9a-f]{56})?$/.test(row.external_id)
    ? row.external_id.slice(0, 8)
    : null;
}

function differingFields(stored: BackupRunRow, incoming: NewBackupRunRow): string[] {
  const shortId = snapshotShortId(incoming);
  const sameSnapshot = shortId !== null && snapshotShortId(stored) === shortId;
  return (sameSnapshot ? SNAPSHOT_IDENTITY_COLUMNS : COMPARED_COLUMNS)
    .filter(([column]) => comparable(stored[column]) !== comparable(incoming[column]))
    .map(([, field]) => field);
}

/**
 * Incoming restic runs whose snapshot is already stored under its other spelling (short id
 * against full id) for the same asset, by position in the chunk: they are not inserted again.
 */
async function storedUnderOtherSpelling(
  trx: Transaction<Database>,
  rows: NewBackupRunRow[],
): Promise<Map<number, BackupRunRow>> {
  const shortIds = new Map<number, string>();
  rows.forEach((row, position) => {
    const shortId = snapshotShortId(row);
    if (shortId !== null) shortIds.set(position, shortId);
  });
  const aliases = new Map<number, BackupRunRow>();
  if (shortIds.size === 0) return aliases;
  const stored = await backupRunRepository.findByExternalIdPrefixes(trx, SNAPSHOT_TOOL, [
    ...new Set(shortIds.values()),
  ]);
  for (const [position, shortId] of shortIds) {
    const row = rows[position]!;
    const alias = stored.find(
      (candidate) =>
        candidate.external_id !== row.external_id &&
        candidate.asset_id === row.asset_id &&
        snapshotShortId(candidate) === shortId,
    );
    if (alias) aliases.set(position, alias);
  }
  return aliases;
}

function toRow(resolved: ResolvedBackupRun): NewBackupRunRow {
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
 * A restic run is the same run as the stored one when both name the same snapshot, under either
 * spelling of its id, whichever restic output each came from (SNAPSHOT_IDENTITY_COLUMNS).
 */
export async function storeBackupRuns(
  trx: Transaction<Database>,
  runs: ResolvedBackupRun[],
  recorded: { at: Date; by: string },
  tally: BackupRunTally,
): Promise<void> {
  for (let start = 0; start < runs.length; start += INSERT_CHUNK) {
    const chunk = runs.slice(start, start + INSERT_CHUNK);
    const rows = chunk.map(toRow);
    const aliases = await storedUnderOtherSpelling(trx, rows);
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

async function compareWithStored(
  trx: Transaction<Database>,
  chunk: ResolvedBackupRun[],
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
