import type { AppContext } from '../../platform/context.js';
import { postureRepository } from './posture.repository.js';
import type { EffectivenessReportRow } from './posture.schema.js';
import { effectivenessRowFacts } from './report-effectiveness.js';

/** One occurrence of any control scoped to an asset, as the effectiveness report judges it. */
export type AssetEffectivenessRow = Omit<EffectivenessReportRow, 'requirementKeys'>;

/**
 * Every occurrence of the given assets due in (periodStart, periodEnd], whatever framework its
 * control maps, with status, performer, verifier, evidence count and exceptions as the records
 * stood at `asOf`: the same judgement as the effectiveness report, seen from assets rather than
 * from a framework.
 */
export async function reportAssetEffectiveness(
  ctx: Pick<AppContext, 'db'>,
  options: { assetKeys: readonly string[]; periodStart: Date; periodEnd: Date; asOf: Date },
): Promise<AssetEffectivenessRow[]> {
  const rows = await postureRepository.assetEffectivenessRows(ctx.db, {
    assetKeys: options.assetKeys,
    dueAfter: options.periodStart,
    dueBy: options.periodEnd,
    asOf: options.asOf,
  });
  return rows.map((row) => ({
    controlKey: row.control_key,
    controlTitle: row.control_title,
    ...effectivenessRowFacts(row),
  }));
}
