/**
 * Pure computations over an asset's backup runs: last success, the current backup window, failed
 * runs, the recovery point objective achieved over a period, and encryption and region
 * compliance. No clock, no database: the caller passes the runs recorded by the instant it asks
 * about, so the same runs always give the same answer (docs/backup-evaluation.md).
 */

export const WINDOW_KINDS = ['incremental', 'full'] as const;
/** Incremental windows accept any successful run; full windows only full backups. */
export type WindowKind = (typeof WINDOW_KINDS)[number];

export const WINDOW_STATES = ['ok', 'missed', 'not_required'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export const COMPLIANCE_STATES = ['met', 'not_met', 'not_required', 'no_runs'] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

/** The facts of one run that evaluation needs (a subset of a stored backup run). */
export interface BackupRunFacts {
  status: 'succeeded' | 'failed' | 'partial';
  backupType: 'full' | 'incremental' | 'differential' | null;
  startedAt: Date;
  finishedAt: Date | null;
  recoveryPointAt: Date | null;
  encrypted: boolean | null;
  region: string | null;
}

/** How often a kind of backup must succeed: elapsed durations, in milliseconds. */
export interface WindowSchedule {
  /** Null when the policy asks for no backup of this kind. */
  everyMs: number | null;
  graceMs: number;
}

/** The instant of the data a run captured: its recovery point, else when it started. */
export function recoveryPointOf(run: BackupRunFacts): Date {
  return run.recoveryPointAt ?? run.startedAt;
}

/** Only a run that finished successfully protects data; a partial run left some of it out. */
export function isSuccessfulRun(run: BackupRunFacts): boolean {
  return run.status === 'succeeded';
}

/** A failed or partial run: either means the backup did not do its job. */
export function isFailedRun(run: BackupRunFacts): boolean {
  return run.status === 'failed' || run.status === 'partial';
}

function countsFor(kind: WindowKind, run: BackupRunFacts): boolean {
  switch (kind) {
    case 'incremental':
      // A full or differential backup protects at least as much as an incremental one.
      return true;
    case 'full':
      return run.backupType === 'full';
  }
}

/** The instant a run was over: when it finished, or when it started if the tool gave no end. */
export function runEndOf(run: BackupRunFacts): Date {
  return run.finishedAt ?? run.startedAt;
}

/**
 * The successful run of the kind with the latest recovery point among those over by `at`
 * (ties: the one that ended last), or null.
 */
export function lastSuccessfulRun<R extends BackupRunFacts>(
  runs: readonly R[],
  kind: WindowKind,
  at: Date,
): R | null {
  let best: R | null = null;
  for (const run of runs) {
    if (!isSuccessfulRun(run) || !countsFor(kind, run) || runEndOf(run) > at) continue;
    if (
      best === null ||
      recoveryPointOf(run) > recoveryPointOf(best) ||
      (recoveryPointOf(run).getTime() === recoveryPointOf(best).getTime() &&
        runEndOf(run) > runEndOf(best))
    )
      best = run;
  }
  return best;
}

export interface BackupWindow {
  kind: WindowKind;
  state: WindowState;
  /** Recovery point of the last success of this kind by then, or null. */
  lastSuccessAt: Date | null;
  /**
   * The deadline of the next success: last success (or the start of monitoring when there was
   * none) + frequency + grace. Null when the policy asks for no backup of this kind.
   */
  dueBy: Date | null;
}

/**
 * The current window of one kind of backup at `at`. Missed when `at` is past the deadline
 * (strictly later than last success + frequency + grace). Windows are elapsed time: a P1D
 * frequency is 24 hours also across a daylight-saving change.
 */
export function currentWindow(
  runs: readonly BackupRunFacts[],
  kind: WindowKind,
  schedule: WindowSchedule,
  monitoringSince: Date,
  at: Date,
): BackupWindow {
  const last = lastSuccessfulRun(runs, kind, at);
  const lastSuccessAt = last ? recoveryPointOf(last) : null;
  if (schedule.everyMs === null) return { kind, state: 'not_required', lastSuccessAt, dueBy: null };
  const base = lastSuccessAt ?? monitoringSince;
  const dueBy = new Date(base.getTime() + schedule.everyMs + schedule.graceMs);
  return { kind, state: at > dueBy ? 'missed' : 'ok', lastSuccessAt, dueBy };
}

/** Failed and partial runs that started in [from, to). */
export function failedRunsBetween<R extends BackupRunFacts>(
  runs: readonly R[],
  from: Date,
  to: Date,
): R[] {
  return runs.filter((run) => isFailedRun(run) && run.startedAt >= from && run.startedAt < to);
}

export interface AchievedRpo {
  /** The longest stretch of the period not covered by a newer recovery point, in milliseconds. */
  rpoMs: number;
  /** Where that stretch lies (the first one when several are equally long). */
  worstGap: { from: Date; to: Date };
  /** Successful recovery points inside the period. */
  recoveryPoints: number;
}

/**
 * The recovery point objective achieved over [from, to]: the largest gap between consecutive
 * recovery points of successful runs, where the gap before the first point in (from, to] starts at
 * `previousPointAt` (the latest successful recovery point at or before `from`) when one is given,
 * else at `from`, and the gap after the last point ends at `to`. So a period without any success
 * has at least the whole period as its RPO; only recovery points in (from, to] are read from
 * `runs`.
 */
export function achievedRpo(
  runs: readonly BackupRunFacts[],
  from: Date,
  to: Date,
  options: { previousPointAt?: Date | null } = {},
): AchievedRpo {
  const previous = options.previousPointAt;
  if (to <= from) {
    // An empty period: the exposure at its one instant, when a point before it is known.
    if (!previous || previous > to) {
      return { rpoMs: 0, worstGap: { from, to: from }, recoveryPoints: 0 };
    }
    return {
      rpoMs: to.getTime() - previous.getTime(),
      worstGap: { from: previous, to },
      recoveryPoints: 0,
    };
  }
  const points = [
    ...new Set(
      runs
        .filter(isSuccessfulRun)
        .map((run) => recoveryPointOf(run).getTime())
        .filter((time) => time > from.getTime() && time <= to.getTime()),
    ),
  ].sort((a, b) => a - b);
  const start = previous && previous <= from ? previous.getTime() : from.getTime();
  const boundaries = [start, ...points];
  if (points.at(-1) !== to.getTime()) boundaries.push(to.getTime());
  let worst = { from: boundaries[0]!, to: boundaries[1]! };
  for (let index = 1; index < boundaries.length - 1; index += 1) {
    const gap = { from: boundaries[index]!, to: boundaries[index + 1]! };
    if (gap.to - gap.from > worst.to - worst.from) worst = gap;
  }
  return {
    rpoMs: worst.to - worst.from,
    worstGap: { from: new Date(worst.from), to: new Date(worst.to) },
    recoveryPoints: points.length,
  };
}

export const PERIOD_RPO_STATES = ['met', 'not_met', 'no_evidence'] as const;
/** No evidence: not one successful recovery point by the end of the period, so nothing to measure. */
export type PeriodRpoState = (typeof PERIOD_RPO_STATES)[number];

export interface PeriodRpo {
  state: PeriodRpoState;
  /** Null without evidence: there is no gap to measure when nothing was ever backed up. */
  achievedMs: number | null;
  worstGap: { from: Date; to: Date } | null;
  recoveryPoints: number;
}

/**
 * The one definition of "RPO achieved over a period" that the status list, an asset's page, the
 * API and the CLI all show (docs/backups-rpo.md). Over [from, to]:
 *
 * - the recovery points are those of successful runs over (ended) by `to`;
 * - the achieved RPO is the largest exposure at any instant t of the period, t minus the latest
 *   recovery point at or before t: the largest gap between consecutive points, where the first
 *   gap starts at the latest point at or before `from` (`previousPointAt`) and the last one ends at
 *   `to`;
 * - when no point precedes the period, exposure is counted from the later of `from` and the start
 *   of monitoring (an asset is not blamed for the time before its policy applied), or from the
 *   latest point before that start (backfilled runs);
 * - with no point at all, by `to`, the state is `no_evidence` and there is no figure: never met.
 */
export function periodRpo(input: {
  successfulRuns: readonly BackupRunFacts[];
  previousPointAt: Date | null;
  monitoringSince: Date;
  from: Date;
  to: Date;
  targetMs: number;
}): PeriodRpo {
  const { from, to } = input;
  let previousPointAt = input.previousPointAt;
  let start = from;
  if (previousPointAt === null && input.monitoringSince > from) {
    start = input.monitoringSince < to ? input.monitoringSince : to;
    // A point recorded for the time before monitoring began (a backfill) still covers what follows.
    const before = input.successfulRuns
      .map(recoveryPointOf)
      .filter((point) => point <= start)
      .sort((a, b) => b.getTime() - a.getTime());
    previousPointAt = before[0] ?? null;
  }
  const achieved = achievedRpo(input.successfulRuns, start, to, { previousPointAt });
  if (previousPointAt === null && achieved.recoveryPoints === 0) {
    return { state: 'no_evidence', achievedMs: null, worstGap: null, recoveryPoints: 0 };
  }
  return {
    state: achieved.rpoMs <= input.targetMs ? 'met' : 'not_met',
    achievedMs: achieved.rpoMs,
    worstGap: achieved.worstGap,
    recoveryPoints: achieved.recoveryPoints,
  };
}

export interface EncryptionCompliance {
  state: ComplianceState;
  /** Successful runs that were not reported as encrypted (false or unknown). */
  unencryptedRuns: number;
}

/** Every successful run must be reported encrypted when the policy requires encryption. */
export function encryptionCompliance(
  successfulRuns: readonly BackupRunFacts[],
  required: boolean,
): EncryptionCompliance {
  const unencryptedRuns = successfulRuns.filter((run) => run.encrypted !== true).length;
  if (!required) return { state: 'not_required', unencryptedRuns };
  if (successfulRuns.length === 0) return { state: 'no_runs', unencryptedRuns };
  return { state: unencryptedRuns === 0 ? 'met' : 'not_met', unencryptedRuns };
}

export interface RegionCompliance {
  state: ComplianceState;
  requiredRegions: string[];
  /** Regions the successful runs were written to. */
  coveredRegions: string[];
  missingRegions: string[];
}

/**
 * Each required region must hold at least one successful run. With offsite copies required but
 * no region named, at least one successful run must report a region (Plumbline cannot tell the
 * primary's region from the runs alone).
 */
export function regionCompliance(
  successfulRuns: readonly BackupRunFacts[],
  requiredRegions: readonly string[],
  offsiteRequired: boolean,
): RegionCompliance {
  const coveredRegions = [
    ...new Set(successfulRuns.flatMap((run) => (run.region ? [run.region] : []))),
  ].sort();
  const missingRegions = requiredRegions.filter((region) => !coveredRegions.includes(region));
  const base = { requiredRegions: [...requiredRegions], coveredRegions, missingRegions };
  if (requiredRegions.length === 0 && !offsiteRequired) return { state: 'not_required', ...base };
  if (successfulRuns.length === 0) return { state: 'no_runs', ...base };
  const met = missingRegions.length === 0 && (!offsiteRequired || coveredRegions.length > 0);
  return { state: met ? 'met' : 'not_met', ...base };
}
