import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { durationMs } from '../../platform/time/iso-duration.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
import type { AssetUnderPolicy } from './backup-evaluation.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { achievedRpo, recoveryPointOf, runEndOf } from './rpo.js';

/** The catalogue control for configuration backed up through the whole day. */
export const HOURLY_CONFIGURATION_CONTROL = 'backup-configuration-hourly';

const DAY_MS = 86_400_000;

/**
 * Automatic evidence for `backup-configuration-hourly`: a day's occurrence is completed and
 * verified by Plumbline as soon as the day is certain to pass, i.e. when the achieved RPO over the
 * whole day, with the day's end as the last boundary, is already within the asset's policy RPO.
 * That can only be true in the day's last RPO-long stretch (the last hour, by default), so the
 * occurrence is done before its deadline, and a day with a longer gap is never completed and
 * becomes overdue, then missed. Returns how many occurrences were completed.
 */
export async function recordHourlyBackupEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  assets: readonly AssetUnderPolicy[],
): Promise<number> {
  const now = ctx.clock.now();
  const byKey = new Map(assets.map((asset) => [asset.key, asset]));
  const candidates = (
    await listOccurrences(ctx, {
      control: HOURLY_CONFIGURATION_CONTROL,
      status: ['due', 'in_progress'],
      dueFrom: now.toISOString(),
      dueBefore: new Date(now.getTime() + DAY_MS).toISOString(),
    })
  ).flatMap((occurrence) => {
    const asset = occurrence.assetKey ? byKey.get(occurrence.assetKey) : undefined;
    if (!asset) return [];
    const maxGapMs = durationMs(asset.policy.rpo);
    const dueAt = new Date(occurrence.dueAt);
    // Earlier in the day the gap to the day's end is longer than the RPO anyway.
    if (dueAt.getTime() - now.getTime() > maxGapMs) return [];
    return [{ id: occurrence.id, asset, opensAt: new Date(occurrence.opensAt), dueAt, maxGapMs }];
  });
  if (candidates.length === 0) return 0;
  const successes = await backupIncidentRepository.runsBetween(ctx.db, {
    assetIds: [...new Set(candidates.map((candidate) => candidate.asset.id))],
    from: new Date(
      Math.min(...candidates.map((candidate) => candidate.opensAt.getTime())) - DAY_MS,
    ),
    to: now,
    recordedBy: now,
    successOnly: true,
  });
  const met = candidates.flatMap((candidate) => {
    const own = successes.filter(
      (run) => run.assetId === candidate.asset.id && runEndOf(run) <= now,
    );
    const achieved = achievedRpo(own, candidate.opensAt, candidate.dueAt);
    if (achieved.rpoMs > candidate.maxGapMs) return [];
    const inDay = own.filter(
      (run) => recoveryPointOf(run) > candidate.opensAt && recoveryPointOf(run) <= candidate.dueAt,
    );
    const minutes = Math.round(achieved.rpoMs / 60_000);
    return [
      {
        id: candidate.id,
        note:
          `Recorded automatically from ${inDay.length} successful backup runs of the day: ` +
          `largest gap between recovery points ${minutes} min, within the policy RPO ` +
          `${candidate.asset.policy.rpo} (${candidate.asset.policy.source}).`,
      },
    ];
  });
  if (met.length === 0) return 0;
  await mutate(ctx, systemActor, async (tx) => {
    for (const occurrence of met) {
      await recordOccurrenceEvent(tx, occurrence.id, 'completed', { note: occurrence.note });
      await recordOccurrenceEvent(tx, occurrence.id, 'verified', { note: occurrence.note });
    }
  });
  return met.length;
}
