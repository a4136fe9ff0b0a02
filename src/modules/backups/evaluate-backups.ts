import type { AppContext } from '../../platform/context.js';
import {
  planAssetEvaluation,
  type AssetUnderPolicy,
  type EvaluatedRun,
  type PlannedIncident,
  type PlannedRecovery,
} from './backup-evaluation.js';
import type { PreparedTriggerEvent } from '../occurrences/record-trigger-event.js';
import {
  prepareIncidentFailureTrigger,
  recordBackupFailureTrigger,
  recordBackupSuccessEvidence,
} from './backup-evaluation-controls.js';
import { recordHourlyBackupEvidence } from './backup-evaluation-hourly.js';
import { recordReplicationEvidence } from './backup-evaluation-replication.js';
import { recoveryPointOf } from './rpo.js';
import { listAssetsUnderPolicy } from './backup-evaluation-inputs.js';
import { applyBackupIncidentPlan } from './backup-incident-changes.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { isFailedRun, isSuccessfulRun } from './rpo.js';

/** Runs evaluated per tick at most; the rest wait for the next tick. */
const RUNS_PER_TICK = 2_000;
/** Re-read runs recorded this long before the watermark: a transaction may commit late. */
const WATERMARK_OVERLAP_MS = 10 * 60_000;
/** On the very first evaluation, runs recorded this far back are evaluated. */
const FIRST_LOOKBACK_MS = 35 * 86_400_000;

export interface BackupEvaluationResult {
  runsEvaluated: number;
  incidentsOpened: number;
  incidentsClosed: number;
  emailsQueued: number;
  occurrencesCompleted: number;
  /** Days of backup-replication-daily completed (copies in the required regions) or not applicable. */
  replicationDaysDecided: number;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/**
 * One evaluation tick: reads the runs recorded since the watermark and every asset's last
 * successes, feeds the catalogue controls (automatic evidence, failure SLA triggers), opens and
 * closes incidents, and queues one alert per incident and person when it opens and one when it
 * recovers. Everything is idempotent: incidents are unique per open asset and kind, alerts per
 * dedupe key, runs are marked evaluated once. See docs/backup-evaluation.md.
 */
export async function evaluateBackups(ctx: Ctx): Promise<BackupEvaluationResult> {
  const now = ctx.clock.now();
  const assets = await listAssetsUnderPolicy(ctx);
  const assetsById = new Map(assets.map((asset) => [asset.id, asset]));
  const watermark = await backupIncidentRepository.watermark(ctx.db);
  const since = watermark
    ? new Date(watermark.getTime() - WATERMARK_OVERLAP_MS)
    : new Date(now.getTime() - FIRST_LOOKBACK_MS);
  const fresh = (await backupIncidentRepository.unevaluatedRuns(ctx.db, since, RUNS_PER_TICK))
    // A run recorded "after now" (clock skew between instances) waits for the next tick.
    .filter((entry) => entry.recordedAt <= now);
  const [lastAny, lastFull, openIncidents, unalerted] = await Promise.all([
    backupIncidentRepository.lastSuccesses(ctx.db, { at: now, fullOnly: false }),
    backupIncidentRepository.lastSuccesses(ctx.db, { at: now, fullOnly: true }),
    backupIncidentRepository.openIncidents(ctx.db),
    backupIncidentRepository.openIncidentIdsWithoutAlerts(ctx.db),
  ]);

  let occurrencesCompleted = 0;
  for (const { run } of fresh) {
    const asset = assetsById.get(run.assetId);
    if (!asset) continue;
    occurrencesCompleted += await feedControls(ctx, asset, run);
  }

  const byAsset = <T extends { assetId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.assetId, [...(map.get(item.assetId) ?? []), item]);
    return map;
  };
  const lastAnyByAsset = new Map(lastAny.map((run) => [run.assetId, run]));
  const lastFullByAsset = new Map(lastFull.map((run) => [run.assetId, run]));
  const freshByAsset = byAsset(fresh.map((entry) => entry.run));
  const openByAsset = byAsset(openIncidents);
  const toOpen: PlannedIncident[] = [];
  const toClose: PlannedRecovery[] = [];
  for (const asset of assets) {
    const plan = planAssetEvaluation(
      {
        asset,
        lastSuccess: lastAnyByAsset.get(asset.id) ?? null,
        lastFullSuccess: lastFullByAsset.get(asset.id) ?? null,
        newRuns: freshByAsset.get(asset.id) ?? [],
        openIncidents: openByAsset.get(asset.id) ?? [],
      },
      now,
    );
    toOpen.push(...plan.open);
    toClose.push(...plan.close);
  }

  const closing = new Set(toClose.map((recovery) => recovery.incident.id));
  // A missed window is a backup that did not run: it starts the same 24-hour SLA as a failed run,
  // written in the transaction that opens the incident (a failed run's trigger came with the run).
  const triggers = new Map<PlannedIncident, PreparedTriggerEvent>();
  for (const incident of toOpen) {
    if (incident.kind === 'run_failed') continue;
    const asset = assetsById.get(incident.assetId);
    if (!asset) continue;
    triggers.set(
      incident,
      await prepareIncidentFailureTrigger(ctx, {
        assetKey: asset.key,
        at: incident.beganAt,
        summary: incident.summary,
      }),
    );
  }
  const applied = await applyBackupIncidentPlan(ctx, {
    triggers,
    assetsById,
    toOpen,
    toClose,
    // Nobody could be told when these opened: tell whoever holds the role now.
    toAlertAgain: openIncidents.filter(
      (incident) => unalerted.has(incident.id) && !closing.has(incident.id),
    ),
    fresh,
  });
  occurrencesCompleted += await recordHourlyBackupEvidence(ctx, assets);
  // Per asset, the earliest recovery point among its new successes: however late they arrive,
  // the days they cover are decided.
  const earliestNewPoint = new Map<string, Date>();
  for (const { run } of fresh) {
    if (!isSuccessfulRun(run)) continue;
    const point = recoveryPointOf(run);
    const known = earliestNewPoint.get(run.assetId);
    if (!known || point < known) earliestNewPoint.set(run.assetId, point);
  }
  const replicationDaysDecided = await recordReplicationEvidence(
    ctx,
    assets.flatMap((asset) => {
      const earliestPoint = earliestNewPoint.get(asset.id);
      return earliestPoint ? [{ asset, earliestPoint }] : [];
    }),
  );
  return {
    runsEvaluated: fresh.length,
    incidentsOpened: applied.opened.length,
    incidentsClosed: applied.closed,
    emailsQueued: applied.emailsQueued,
    occurrencesCompleted,
    replicationDaysDecided,
  };
}

/** Automatic evidence of one new run for the catalogue controls; returns occurrences completed. */
async function feedControls(ctx: Ctx, asset: AssetUnderPolicy, run: EvaluatedRun) {
  if (isSuccessfulRun(run)) {
    const evidence = { key: asset.key, encryptionRequired: asset.policy.encryptionRequired };
    return (await recordBackupSuccessEvidence(ctx, evidence, run)).length;
  }
  if (isFailedRun(run)) {
    await recordBackupFailureTrigger(ctx, {
      assetKey: asset.key,
      at: run.startedAt,
      externalId: `backup-run:${run.id}`,
      summary: `${run.tool} ${run.status}: ${run.message ?? ''}`,
    });
  }
  return 0;
}
