import type { AppContext } from '../../platform/context.js';
import {
  countStatuses,
  statusFromOccurrences,
  worstStatus,
  CONTROL_STATUSES,
  type ControlStatus,
} from './control-status.js';
import { postureInputs } from './posture-inputs.js';
import { postureRepository } from './posture.repository.js';
import type { AssetPosture, PostureQuery } from './posture.schema.js';

/**
 * Per asset, the per-asset controls with a current occurrence for it at the instant and the
 * worst of their statuses, worst assets first. Organisation-wide controls are in the posture
 * itself, not here.
 */
export async function listAssetPosture(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: PostureQuery,
): Promise<{ at: string; atRiskDays: number; items: AssetPosture[] }> {
  const inputs = await postureInputs(ctx, query);
  const rows = await postureRepository.currentCountsByAssetAndControl(
    ctx.db,
    inputs.at,
    inputs.atRiskUntil,
    inputs.lookbacks,
  );
  const keyByControlId = new Map(
    inputs.controls.map((control) => [control.id, control.content.key]),
  );
  const byAsset = new Map<string, { key: string; status: ControlStatus }[]>();
  for (const row of rows) {
    const controls = byAsset.get(row.asset_key) ?? [];
    controls.push({
      key: keyByControlId.get(row.control_id) ?? row.control_id,
      status: statusFromOccurrences({
        failing: row.failing,
        atRisk: row.at_risk,
        verified: row.verified,
        notApplicable: row.not_applicable,
        pending: row.pending,
      }),
    });
    byAsset.set(row.asset_key, controls);
  }
  const severity = (status: ControlStatus) => CONTROL_STATUSES.indexOf(status);
  const items = [...byAsset.entries()].map(([assetKey, controls]) => {
    controls.sort((a, b) => a.key.localeCompare(b.key));
    const statuses = controls.map((control) => control.status);
    return {
      assetKey,
      status: worstStatus(statuses),
      controlCount: controls.length,
      controlCounts: countStatuses(statuses),
      controls,
    };
  });
  items.sort(
    (a, b) => severity(a.status) - severity(b.status) || a.assetKey.localeCompare(b.assetKey),
  );
  return { at: inputs.at.toISOString(), atRiskDays: inputs.atRiskDays, items };
}
