import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import type { OccurrenceEventKind } from '../occurrences/occurrence-status.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';
import type { AssetUnderPolicy, EvaluatedRun } from './backup-evaluation.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { isSuccessfulRun, recoveryPointOf, regionCompliance, runEndOf } from './rpo.js';

/** The catalogue control for copies in the required regions (SOC 2 A1.2 replication guidance). */
export const REPLICATION_CONTROL = 'backup-replication-daily';

const DAY_MS = 86_400_000;

/** One open day of the control for one asset. */
export interface ReplicationCandidate {
  occurrenceId: string;
  asset: AssetUnderPolicy;
  opensAt: Date;
  dueAt: Date;
}

/** What the day's runs decide: events to append, with the note that explains them. */
export interface ReplicationDecision {
  occurrenceId: string;
  events: readonly OccurrenceEventKind[];
  note: string;
}

/**
 * The pure rule: a day is met once its successful runs (recovery point within the day, over by
 * `now`) hold every region the asset's policy requires, or, with an offsite copy required and no
 * region named, report at least one region (regionCompliance). A policy that asks for neither makes
 * the day not applicable. Otherwise nothing is decided: the day stays open, and turns overdue and
 * then missed if no copy arrives.
 */
export function planReplicationEvidence(
  candidate: ReplicationCandidate,
  runs: readonly EvaluatedRun[],
  now: Date,
): ReplicationDecision | null {
  const { policy } = candidate.asset;
  const inDay = runs.filter(
    (run) =>
      isSuccessfulRun(run) &&
      runEndOf(run) <= now &&
      recoveryPointOf(run) >= candidate.opensAt &&
      recoveryPointOf(run) < candidate.dueAt,
  );
  const regions = regionCompliance(inDay, policy.requiredRegions, policy.offsiteRequired);
  switch (regions.state) {
    case 'not_required':
      return {
        occurrenceId: candidate.occurrenceId,
        events: ['not_applicable'],
        note: `Not applicable: the backup policy (${policy.source}) requires no copy in another region.`,
      };
    case 'met': {
      const covering = inDay.filter((run) => run.region !== null).map((run) => run.id);
      const required =
        policy.requiredRegions.length > 0
          ? `required ${policy.requiredRegions.join(', ')}`
          : 'an offsite copy required';
      return {
        occurrenceId: candidate.occurrenceId,
        events: ['completed', 'verified'],
        note:
          `Recorded automatically from ${covering.length} successful backup run(s) of the day in ` +
          `${regions.coveredRegions.join(', ')} (${required}, ${policy.source}): ` +
          `${covering.join(', ')}.`,
      };
    }
    case 'no_runs':
    case 'not_met':
      return null;
  }
}

/**
 * Days looked at besides those the new runs cover: a day missed for want of runs is met when its
 * runs are recorded late (late evidence, docs/occurrences.md).
 */
const LATE_EVIDENCE_DAYS = 35;

/**
 * The open days (due, in progress, overdue, or missed) of one asset, from the day holding the
 * earliest new recovery point (however long ago) or LATE_EVIDENCE_DAYS back, whichever is earlier.
 */
async function openDaysOf(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  asset: AssetUnderPolicy,
  earliestPoint: Date,
  now: Date,
): Promise<ReplicationCandidate[]> {
  const from = Math.min(now.getTime() - LATE_EVIDENCE_DAYS * DAY_MS, earliestPoint.getTime());
  const occurrences = await listOccurrences(ctx, {
    control: REPLICATION_CONTROL,
    asset: asset.key,
    status: ['due', 'in_progress', 'overdue', 'missed'],
    dueFrom: new Date(from).toISOString(),
    dueBefore: new Date(now.getTime() + DAY_MS).toISOString(),
  });
  return occurrences
    .filter((occurrence) => new Date(occurrence.opensAt) <= now)
    .map((occurrence) => ({
      occurrenceId: occurrence.id,
      asset,
      opensAt: new Date(occurrence.opensAt),
      dueAt: new Date(occurrence.dueAt),
    }));
}

/**
 * Automatic evidence for `backup-replication-daily`: the open days of the assets that received
 * successful runs since the last tick (only a run can make a day met; most ticks have none and
 * read nothing) are decided from the runs recorded by now, and the decisions are appended as
 * Plumbline in one audited transaction. Returns how many occurrences were decided.
 */
export async function recordReplicationEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  assetsWithNewRuns: readonly { asset: AssetUnderPolicy; earliestPoint: Date }[],
): Promise<number> {
  const now = ctx.clock.now();
  const candidates: ReplicationCandidate[] = [];
  for (const { asset, earliestPoint } of assetsWithNewRuns)
    candidates.push(...(await openDaysOf(ctx, asset, earliestPoint, now)));
  if (candidates.length === 0) return 0;
  const runs = await backupIncidentRepository.runsBetween(ctx.db, {
    assetIds: [...new Set(candidates.map((candidate) => candidate.asset.id))],
    // A run's recovery point may precede its start by little; a day before the earliest day opens.
    from: new Date(Math.min(...candidates.map((c) => c.opensAt.getTime())) - DAY_MS),
    to: now,
    recordedBy: now,
    successOnly: true,
  });
  const decisions = candidates.flatMap((candidate) => {
    const own = runs.filter((run) => run.assetId === candidate.asset.id);
    const decision = planReplicationEvidence(candidate, own, now);
    return decision ? [{ decision, evidencedAt: latestPointInDay(candidate, own) }] : [];
  });
  if (decisions.length === 0) return 0;
  await mutate(ctx, systemActor, async (tx) => {
    for (const { decision, evidencedAt } of decisions) {
      for (const kind of decision.events) {
        await recordOccurrenceEvent(tx, decision.occurrenceId, kind, {
          note: decision.note,
          // The day's copies are facts of the day, however late they were recorded.
          ...(kind !== 'not_applicable' && evidencedAt ? { evidencedAt } : {}),
        });
      }
    }
  });
  return decisions.length;
}

/** The latest recovery point of the day's successful runs: when the day's copies were all made. */
function latestPointInDay(candidate: ReplicationCandidate, runs: readonly EvaluatedRun[]) {
  const points = runs
    .filter(isSuccessfulRun)
    .map(recoveryPointOf)
    .filter((point) => point >= candidate.opensAt && point < candidate.dueAt)
    .map((point) => point.getTime());
  return points.length > 0 ? new Date(Math.max(...points)) : null;
}
