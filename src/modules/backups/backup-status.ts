import type { AppContext } from '../../platform/context.js';
import { durationMs } from '../../platform/time/iso-duration.js';
import {
  windowSchedule,
  type AssetUnderPolicy,
  type BackupIncidentKind,
  type EvaluatedRun,
} from './backup-evaluation.js';
import { listAssetsUnderPolicy } from './backup-evaluation-inputs.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { backupPointListingRepository } from './backup-point-listings.repository.js';
import {
  BACKUP_ASSET_STATUSES,
  type BackupAssetStatus,
  type BackupAssetStatusView,
  type BackupStatusView,
} from './backup-status.schema.js';
import { backupRunRepository } from './backup-runs.repository.js';
import {
  currentWindow,
  encryptionCompliance,
  failedRunsBetween,
  isSuccessfulRun,
  periodRpo,
  regionCompliance,
  runEndOf,
  WINDOW_KINDS,
} from './rpo.js';
import { retentionCompliance } from './retention.js';
import { formatElapsed, NO_EVIDENCE_TEXT } from './rpo-text.js';

const DAY_MS = 86_400_000;
export const STATUS_LOOKBACK_DAYS = 30;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The RPO view over [from, to] against the policy's target: the one figure every surface shows. */
export function rpoView(input: {
  successfulRuns: readonly EvaluatedRun[];
  previousPointAt: Date | null;
  policy: AssetUnderPolicy['policy'];
  from: Date;
  to: Date;
}) {
  const targetMs = durationMs(input.policy.rpo);
  const rpo = periodRpo({
    successfulRuns: input.successfulRuns,
    previousPointAt: input.previousPointAt,
    monitoringSince: input.policy.monitoringSince,
    from: input.from,
    to: input.to,
    targetMs,
  });
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    state: rpo.state,
    achievedMs: rpo.achievedMs,
    achieved: rpo.achievedMs === null ? NO_EVIDENCE_TEXT : formatElapsed(rpo.achievedMs),
    targetMs,
    target: formatElapsed(targetMs),
    met: rpo.state === 'met',
    recoveryPoints: rpo.recoveryPoints,
    worstGap: rpo.worstGap && {
      from: rpo.worstGap.from.toISOString(),
      to: rpo.worstGap.to.toISOString(),
    },
  };
}

/**
 * The backup status of assets at `at` from the runs recorded by then: windows, the last 30 days'
 * failed runs and achieved RPO (`periodRpo`, the same figure an asset's page shows for that period),
 * encryption and region compliance, the incidents open then, and the worst of them as a status.
 */
export async function assetBackupStatuses(
  ctx: Pick<AppContext, 'db'>,
  assets: AssetUnderPolicy[],
  at: Date,
): Promise<BackupAssetStatusView[]> {
  const assetIds = assets.map((asset) => asset.id);
  const lookbackStart = new Date(at.getTime() - STATUS_LOOKBACK_DAYS * DAY_MS);
  const [lastAny, lastFull, recent, incidents, listings, firstPoints, previousPoints] =
    await Promise.all([
      backupIncidentRepository.lastSuccesses(ctx.db, { at, fullOnly: false, assetIds }),
      backupIncidentRepository.lastSuccesses(ctx.db, { at, fullOnly: true, assetIds }),
      backupIncidentRepository.runsBetween(ctx.db, {
        assetIds,
        from: lookbackStart,
        to: at,
        recordedBy: at,
        successOnly: false,
      }),
      backupIncidentRepository.list(ctx.db, { status: 'open', at, limit: 100_000 }),
      backupPointListingRepository.latestByAsset(ctx.db, { assetIds, at }),
      backupPointListingRepository.firstRecoveryPoints(ctx.db, { assetIds, at }),
      backupRunRepository.latestSuccessfulPoints(ctx.db, {
        assetIds,
        at: lookbackStart,
        knownBy: at,
      }),
    ]);
  const lastAnyByAsset = new Map(lastAny.map((run) => [run.assetId, run]));
  const lastFullByAsset = new Map(lastFull.map((run) => [run.assetId, run]));
  const runsByAsset = new Map<string, EvaluatedRun[]>();
  for (const run of recent) {
    if (runEndOf(run) > at) continue;
    runsByAsset.set(run.assetId, [...(runsByAsset.get(run.assetId) ?? []), run]);
  }
  return assets.map((asset) => {
    const runs = runsByAsset.get(asset.id) ?? [];
    const successes = runs.filter(isSuccessfulRun);
    const last = lastAnyByAsset.get(asset.id) ?? null;
    const lastFullRun = lastFullByAsset.get(asset.id) ?? null;
    const known = [last, lastFullRun].filter((run): run is EvaluatedRun => run !== null);
    const windows = WINDOW_KINDS.map((kind) =>
      currentWindow(
        known,
        kind,
        windowSchedule(asset.policy, kind),
        asset.policy.monitoringSince,
        at,
      ),
    );
    const rpo = rpoView({
      successfulRuns: successes,
      previousPointAt: previousPoints.get(asset.id) ?? null,
      policy: asset.policy,
      from: lookbackStart,
      to: at,
    });
    const encryption = encryptionCompliance(successes, asset.policy.encryptionRequired);
    const regions = regionCompliance(
      successes,
      asset.policy.requiredRegions,
      asset.policy.offsiteRequired,
    );
    const retention = retentionCompliance(
      asset.policy,
      listings.get(asset.id) ?? null,
      firstPoints.get(asset.id) ?? null,
    );
    const open = incidents.filter((incident) => incident.asset_id === asset.id);
    const status: BackupAssetStatus = windows.some((window) => window.state === 'missed')
      ? 'missed'
      : open.some((incident) => incident.kind === 'run_failed')
        ? 'failing'
        : last === null
          ? 'no_evidence'
          : !rpo.met ||
              encryption.state === 'not_met' ||
              regions.state === 'not_met' ||
              retention.state === 'not_met'
            ? 'non_compliant'
            : 'ok';
    return {
      assetKey: asset.key,
      assetName: asset.name,
      ownerRole: asset.ownerRole,
      status,
      policy: { ...asset.policy, monitoringSince: asset.policy.monitoringSince.toISOString() },
      lastSuccessAt: iso(last ? (last.recoveryPointAt ?? last.startedAt) : null),
      lastFullSuccessAt: iso(
        lastFullRun ? (lastFullRun.recoveryPointAt ?? lastFullRun.startedAt) : null,
      ),
      windows: windows.map((window) => ({
        kind: window.kind,
        state: window.state,
        lastSuccessAt: iso(window.lastSuccessAt),
        dueBy: iso(window.dueBy),
      })),
      failedRunsLast30Days: failedRunsBetween(runs, lookbackStart, at).length,
      openIncidents: open.map((incident) => ({
        id: incident.id,
        assetKey: incident.asset_key,
        kind: incident.kind as BackupIncidentKind,
        summary: incident.summary,
        beganAt: incident.began_at.toISOString(),
        openedAt: incident.opened_at.toISOString(),
        closedAt: null,
        triggerRunId: incident.trigger_run_id,
        recoveryRunId: null,
      })),
      rpoLast30Days: rpo,
      encryption,
      regions,
      retention: {
        ...retention,
        listedAt: iso(retention.listedAt),
        oldestPointAt: iso(retention.oldestPointAt),
        requiredOldestPointAt: iso(retention.requiredOldestPointAt),
      },
    };
  });
}

const RANK: Record<BackupAssetStatus, number> = {
  missed: 0,
  failing: 1,
  no_evidence: 2,
  non_compliant: 3,
  ok: 4,
};

/** Every asset under a backup policy with its status at `at` (default now), worst first. */
export async function getBackupStatus(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: { at?: string | undefined },
): Promise<BackupStatusView> {
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const items = (await assetBackupStatuses(ctx, await listAssetsUnderPolicy(ctx), at)).sort(
    (a, b) => RANK[a.status] - RANK[b.status] || a.assetKey.localeCompare(b.assetKey),
  );
  const counts = Object.fromEntries(BACKUP_ASSET_STATUSES.map((status) => [status, 0])) as Record<
    BackupAssetStatus,
    number
  >;
  for (const item of items) counts[item.status] += 1;
  return { at: at.toISOString(), counts, items };
}
