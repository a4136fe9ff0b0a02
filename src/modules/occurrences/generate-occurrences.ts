import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import { listAssetsForScoping } from '../register/list-scoped-assets.js';
import { occurrenceRepository, type NewOccurrenceRow } from './occurrence.repository.js';
import { planCadenceOccurrences } from './plan-occurrences.js';

const INSERT_CHUNK = 1000;

export interface GenerationResult {
  planned: number;
  created: number;
  createdByControl: Record<string, number>;
}

/**
 * Creates the occurrences of every cadence control whose period opens in the window, for the
 * assets in scope as the register stands now. Safe to run again and on several instances at
 * once: an occurrence exists once per control × period × asset (a unique key), so a rerun only
 * adds what is missing. SLA occurrences come from trigger events instead (record-trigger-event).
 * `controls` limits it to those cadence controls (a history whose records start earlier for some
 * controls, as the demo's backups do).
 */
export async function generateOccurrences(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  window: { from: Date; until: Date },
  options: { controls?: readonly string[] } = {},
): Promise<GenerationResult> {
  const controls = (await listActiveControlDefinitions(ctx)).filter(
    (control) =>
      control.content.cadence &&
      (options.controls === undefined || options.controls.includes(control.content.key)),
  );
  const assets = await listAssetsForScoping(ctx);
  const assetIdByKey = new Map(assets.map((asset) => [asset.key, asset.id]));
  return mutate(
    ctx,
    systemActor,
    async (tx) => {
      const result: GenerationResult = { planned: 0, created: 0, createdByControl: {} };
      // One control at a time keeps memory bounded however large the register is.
      for (const control of controls) {
        const { content } = control;
        const planned = planCadenceOccurrences(
          {
            key: content.key,
            perAsset: content.perAsset,
            scope: content.scope,
            cadence: content.cadence!,
          },
          assets,
          window,
          ctx.config.timezone,
        );
        result.planned += planned.length;
        let created = 0;
        for (let index = 0; index < planned.length; index += INSERT_CHUNK) {
          const rows: NewOccurrenceRow[] = planned
            .slice(index, index + INSERT_CHUNK)
            .map((occurrence) => ({
              control_id: control.id,
              period_key: occurrence.periodKey,
              asset_key: occurrence.assetKey,
              asset_id: occurrence.assetKey
                ? (assetIdByKey.get(occurrence.assetKey) ?? null)
                : null,
              trigger_event_id: null,
              opens_at: occurrence.opensAt,
              due_at: occurrence.dueAt,
              closes_at: occurrence.closesAt,
              critical: content.critical,
              owner_role: content.ownerRole,
              generated_at: tx.now,
            }));
          created += await occurrenceRepository.insertMissing(tx.trx, rows);
        }
        if (created > 0) result.createdByControl[content.key] = created;
        result.created += created;
      }
      if (result.created > 0) {
        await tx.audit({
          action: 'occurrences.generated',
          entityType: 'occurrence_generation',
          entityId: tx.now.toISOString(),
          after: {
            from: window.from,
            until: window.until,
            created: result.created,
            byControl: result.createdByControl,
          },
        });
      }
      return result;
    },
    { mayFindNothingToDo: true },
  );
}
