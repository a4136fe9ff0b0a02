import type { AppContext } from '../../app/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { BackupRunPage, BackupRunView, ListBackupRunsQuery } from './backup-run.schema.js';
import { backupRunRepository, type BackupRunWithAssetKey } from './backup-runs.repository.js';

export function toBackupRunView(row: BackupRunWithAssetKey): BackupRunView {
  return {
    id: row.id,
    assetKey: row.asset_key,
    tool: row.tool,
    job: row.job,
    externalId: row.external_id,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    status: row.status as BackupRunView['status'],
    backupType: row.backup_type as BackupRunView['backupType'],
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    recoveryPointId: row.recovery_point_id,
    recoveryPointAt: row.recovery_point_at?.toISOString() ?? null,
    encrypted: row.encrypted,
    region: row.region,
    message: row.message,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  };
}

/** The cursor is the last run of a page, (startedAt, id), opaque to the caller. */
function encodeCursor(row: BackupRunWithAssetKey): string {
  return Buffer.from(JSON.stringify([row.started_at.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    const at = new Date(String(startedAt));
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(at.getTime())) {
      return { startedAt: at, id };
    }
  } catch {
    // Reported below.
  }
  throw new AppError('validation_failed', 'The cursor is not one this server handed out', {
    issues: [{ path: 'querystring.cursor', message: 'is not a cursor from a previous page' }],
  });
}

/** A page of backup runs, newest first, filtered; keyset pagination stays fast on millions. */
export async function listBackupRuns(
  ctx: Pick<AppContext, 'db'>,
  query: ListBackupRunsQuery,
): Promise<BackupRunPage> {
  const rows = await backupRunRepository.list(ctx.db, {
    assetKey: query.asset,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    status: query.status,
    tool: query.tool,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toBackupRunView),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function getBackupRun(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<BackupRunView> {
  const row = await backupRunRepository.findById(ctx.db, id);
  if (!row) throw notFound(`Backup run ${id}`);
  return toBackupRunView(row);
}
