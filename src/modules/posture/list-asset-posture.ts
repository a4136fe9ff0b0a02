import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, pageFromRows } from '../../platform/http/paging.js';
import { CONTROL_STATUSES, type ControlStatus, type StatusCounts } from './control-status.js';
import { postureInputs } from './posture-inputs.js';
import { postureRepository, type AssetRollupRow } from './posture.repository.js';
import type { AssetPosture, AssetPostureQuery } from './posture.schema.js';

/** A page of the per-asset list ends at its last asset: [severity, asset key]. */
const assetPostureCursor = z.tuple([
  z
    .number()
    .int()
    .min(0)
    .max(CONTROL_STATUSES.length - 1),
  z.string().max(64),
]);

const statusAt = (severity: number): ControlStatus => CONTROL_STATUSES[severity]!;

function toAssetPosture(row: AssetRollupRow): AssetPosture {
  const controlCounts = Object.fromEntries(
    CONTROL_STATUSES.map((status, severity) => [status, row.status_counts[severity]!]),
  ) as StatusCounts;
  return {
    assetKey: row.asset_key,
    status: statusAt(row.severity),
    controlCount: row.control_count,
    controlCounts,
    controls: row.controls.map(([key, severity]) => ({ key, status: statusAt(severity) })),
  };
}

/**
 * Per asset, the per-asset controls with a current occurrence for it at the instant and the
 * worst of their statuses, worst assets first (then by key). Organisation-wide controls are in
 * the posture itself, not here. The database rolls the statuses up, one row per asset; with a
 * `limit`, one keyset page of the list, otherwise all of it.
 */
export async function listAssetPosture(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: AssetPostureQuery,
): Promise<{ at: string; atRiskDays: number; items: AssetPosture[]; nextCursor: string | null }> {
  const inputs = await postureInputs(ctx, query);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, assetPostureCursor);
  const rows = await postureRepository.assetRollup(ctx.db, {
    at: inputs.at,
    atRiskUntil: inputs.atRiskUntil,
    lookbacks: inputs.lookbacks,
    after: after === null ? null : { severity: after[0], assetKey: after[1] },
    limit: query.limit === undefined ? null : query.limit + 1,
  });
  const head = { at: inputs.at.toISOString(), atRiskDays: inputs.atRiskDays };
  if (query.limit === undefined) {
    return { ...head, items: rows.map(toAssetPosture), nextCursor: null };
  }
  return {
    ...head,
    ...pageFromRows(rows, query.limit, (row) => [row.severity, row.asset_key], toAssetPosture),
  };
}
