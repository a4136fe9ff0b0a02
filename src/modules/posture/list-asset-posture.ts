import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, pageFromRows } from '../../platform/http/paging.js';
import { CONTROL_STATUSES, countStatuses, type ControlStatus } from './control-status.js';
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

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An asset's answer from its rolled-up row; `controlKeys` by the controls' place in the row. */
function toAssetPosture(row: AssetRollupRow, controlKeys: readonly string[]): AssetPosture {
  const controls = row.controls
    .map(([place, severity]) => ({ key: controlKeys[place]!, status: statusAt(severity) }))
    .sort((a, b) => byteOrder(a.key, b.key));
  const statuses = controls.map((control) => control.status);
  return {
    assetKey: row.asset_key,
    status: statusAt(row.severity),
    controlCount: controls.length,
    controlCounts: countStatuses(statuses),
    controls,
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
  // The lookbacks are the controls' in the same order: a row names a control by its place.
  const controlKeys = inputs.controls.map((control) => control.content.key);
  const toItem = (row: AssetRollupRow) => toAssetPosture(row, controlKeys);
  const head = { at: inputs.at.toISOString(), atRiskDays: inputs.atRiskDays };
  if (query.limit === undefined) return { ...head, items: rows.map(toItem), nextCursor: null };
  return {
    ...head,
    ...pageFromRows(rows, query.limit, (row) => [row.severity, row.asset_key], toItem),
  };
}
