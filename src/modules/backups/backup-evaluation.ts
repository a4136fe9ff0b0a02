import { durationMs } from '../../platform/time/iso-duration.js';
import {
  currentWindow,
  isFailedRun,
  isSuccessfulRun,
  recoveryPointOf,
  runEndOf,
  type BackupRunFacts,
  type WindowKind,
} from './rpo.js';

/**
 * The pure rules of continuous backup evaluation: given an asset's policy, its last successes,
 * the runs recorded since the last evaluation and its open incidents, which incidents open and
 * which close at `now` (docs/backup-evaluation.md).
 */

export const BACKUP_INCIDENT_KINDS = ['run_failed', 'incremental_missed', 'full_missed'] as const;
export type BackupIncidentKind = (typeof BACKUP_INCIDENT_KINDS)[number];

/** The policy an asset is evaluated against, whatever level it came from. */
export interface EvaluatedBackupPolicy {
  /** Where the policy comes from, for people: "asset policy …", "tag configuration", "SOP defaults". */
  source: string;
  /** ISO 8601 durations, as policies store them. */
  incrementalEvery: string | null;
  fullEvery: string | null;
  grace: string;
  retention: string;
  rpo: string;
  rto: string;
  encryptionRequired: boolean;
  offsiteRequired: boolean;
  requiredRegions: string[];
  alertRecipients: string[];
  /** Windows count from here when the asset never had a success (the later of policy and asset). */
  monitoringSince: Date;
}

export interface AssetUnderPolicy {
  id: string;
  key: string;
  name: string;
  ownerRole: string;
  policy: EvaluatedBackupPolicy;
}

export interface EvaluatedRun extends BackupRunFacts {
  id: string;
  assetId: string;
  tool: string;
  job: string | null;
  message: string | null;
}

export interface OpenIncident {
  id: string;
  assetId: string;
  kind: BackupIncidentKind;
  beganAt: Date;
  triggerRunId: string | null;
  summary: string;
}

export interface AssetEvaluationInput {
  asset: AssetUnderPolicy;
  /** The successful run with the latest recovery point, any kind / full only, over by `now`. */
  lastSuccess: EvaluatedRun | null;
  lastFullSuccess: EvaluatedRun | null;
  /** Runs recorded since the last evaluation. */
  newRuns: EvaluatedRun[];
  openIncidents: OpenIncident[];
}

export interface PlannedIncident {
  assetId: string;
  kind: BackupIncidentKind;
  beganAt: Date;
  triggerRunId: string | null;
  summary: string;
}

export interface PlannedRecovery {
  incident: OpenIncident;
  recoveryRunId: string | null;
}

export interface AssetEvaluationPlan {
  open: PlannedIncident[];
  close: PlannedRecovery[];
}

/** A policy's schedule for one kind of backup, in elapsed milliseconds. */
export function windowSchedule(policy: EvaluatedBackupPolicy, kind: WindowKind) {
  const every = kind === 'full' ? policy.fullEvery : policy.incrementalEvery;
  return { everyMs: every === null ? null : durationMs(every), graceMs: durationMs(policy.grace) };
}

const WINDOW_INCIDENT: Record<WindowKind, BackupIncidentKind> = {
  incremental: 'incremental_missed',
  full: 'full_missed',
};

function describeRun(run: EvaluatedRun): string {
  return (
    [run.tool, run.job].filter(Boolean).join(' ') + ` run started ${run.startedAt.toISOString()}`
  );
}

/** The first success (by recovery point) that protects data from after `instant`, if any. */
function firstSuccessAfter(successes: EvaluatedRun[], instant: Date): EvaluatedRun | null {
  return (
    successes
      .filter((run) => recoveryPointOf(run) > instant)
      .sort((a, b) => recoveryPointOf(a).getTime() - recoveryPointOf(b).getTime())[0] ?? null
  );
}

/**
 * What happens to one asset's incidents at `now`:
 * - a failed or partial run opens a `run_failed` incident unless a success with a later recovery
 *   point is already known; a success whose recovery point is after the failed run's start
 *   closes it;
 * - a window (incremental, full) that is missed opens an incident of its kind; the window being
 *   met again closes it.
 * At most one incident per asset and kind is open; a second failure while one is open joins it.
 */
export function planAssetEvaluation(input: AssetEvaluationInput, now: Date): AssetEvaluationPlan {
  const successes = [input.lastSuccess, input.lastFullSuccess, ...input.newRuns]
    .filter((run): run is EvaluatedRun => run !== null && isSuccessfulRun(run))
    .filter((run) => runEndOf(run) <= now);
  const open: PlannedIncident[] = [];
  const close: PlannedRecovery[] = [];
  const openOf = (kind: BackupIncidentKind) =>
    input.openIncidents.find((incident) => incident.kind === kind) ?? null;

  const failedOpen = openOf('run_failed');
  let failedStillOpen = failedOpen !== null;
  if (failedOpen) {
    const recovery = firstSuccessAfter(successes, failedOpen.beganAt);
    if (recovery) {
      close.push({ incident: failedOpen, recoveryRunId: recovery.id });
      failedStillOpen = false;
    }
  }
  if (!failedStillOpen) {
    const unanswered = input.newRuns
      .filter(isFailedRun)
      .filter((run) => run.id !== failedOpen?.triggerRunId)
      .filter((run) => firstSuccessAfter(successes, run.startedAt) === null)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    const first = unanswered[0];
    if (first) {
      const more = unanswered.length > 1 ? ` (and ${unanswered.length - 1} more failed runs)` : '';
      open.push({
        assetId: input.asset.id,
        kind: 'run_failed',
        beganAt: first.startedAt,
        triggerRunId: first.id,
        summary:
          `Backup ${first.status}: ${describeRun(first)}` +
          (first.message ? `: ${first.message}` : '') +
          more,
      });
    }
  }

  for (const kind of ['incremental', 'full'] as const) {
    const window = currentWindow(
      successes,
      kind,
      windowSchedule(input.asset.policy, kind),
      input.asset.policy.monitoringSince,
      now,
    );
    const incident = openOf(WINDOW_INCIDENT[kind]);
    if (incident && window.state !== 'missed') {
      const recovery =
        (kind === 'full' ? input.lastFullSuccess : input.lastSuccess) ??
        firstSuccessAfter(successes, incident.beganAt);
      close.push({ incident, recoveryRunId: recovery?.id ?? null });
    } else if (!incident && window.state === 'missed') {
      open.push({
        assetId: input.asset.id,
        kind: WINDOW_INCIDENT[kind],
        beganAt: window.dueBy!,
        triggerRunId: null,
        summary:
          `No successful ${kind} backup ` +
          (window.lastSuccessAt
            ? `since ${window.lastSuccessAt.toISOString()}`
            : `since monitoring began ${input.asset.policy.monitoringSince.toISOString()}`) +
          ` (due by ${window.dueBy!.toISOString()})`,
      });
    }
  }
  return { open, close };
}
