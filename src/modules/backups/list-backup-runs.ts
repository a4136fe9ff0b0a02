import type { AppContext } from '../../platform/context.js';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { BackupRunView, ListBackupRunsQuery } from './backup-run.schema.js';
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

/** A run's place in the list: (startedAt, id), newest first. */
const runKey = z.tuple([cursorInstant, z.uuid()]);

/**
 * A page of backup runs, newest first, filtered (and for an engaged auditor, `within` their
 * period) in the query; keyset pagination stays fast on millions.
 */
export async function listBackupRuns(
  ctx: Pick<AppContext, 'db'>,
  query: ListBackupRunsQuery,
  within?: EngagementPeriod,
): Promise<Page<BackupRunView>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, runKey);
  const rows = await backupRunRepository.list(ctx.db, {
    assetKey: query.asset,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    status: query.status,
    tool: query.tool,
    within,
    after: after && { startedAt: after[0], id: after[1] },
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.started_at.toISOString(), row.id],
    toBackupRunView,
  );
}

export async function getBackupRun(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<BackupRunView> {
  const row = await backupRunRepository.findById(ctx.db, id);
  if (!row) throw notFound(`Backup run ${id}`);
  return toBackupRunView(row);
}
