import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getBackupAssetDetail } from '../backups/backup-status-asset.js';
import { incidentRegisterPages } from '../incidents/incident-register.js';
import { listNonconformances } from '../nonconformances/nonconformance.service.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import type { DrExerciseView } from '../recovery/dr-exercise.schema.js';
import { listRestoreTests } from '../recovery/restore-test.service.js';
import { getAssetHistory } from '../register/get-asset-history.js';
import type { WalkthroughDependency } from './walkthrough.schema.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** The walked period as instants: [start, end), with statuses judged at asOf (end, or now). */
export interface WalkthroughWindow {
  start: Date;
  end: Date;
  asOf: Date;
}

const within = (at: string, window: WalkthroughWindow) => {
  const instant = new Date(at);
  return instant >= window.start && instant < window.end && instant <= window.asOf;
};

/** Audit entries of the asset (its own changes and its matrix links) recorded in the period. */
export async function assetChangesIn(
  ctx: Ctx,
  assetKey: string,
  window: WalkthroughWindow,
): Promise<WalkthroughDependency['changes']> {
  return (await getAssetHistory(ctx, assetKey, window))
    .filter((event) => within(event.occurredAt, window))
    .map((event) => ({ at: event.occurredAt, actor: event.actorLabel, action: event.action }))
    .reverse();
}

/** Where a nonconformance came from, as the records of one asset it concerns. */
export type NonconformancesByAsset = Map<string, WalkthroughDependency['nonconformances']>;

/**
 * Incidents open at some time in the period, by each asset they affect, as they stood at the end
 * of the period (or at `asOf`, if earlier): the incident register the evidence pack holds.
 */
export async function incidentsByAsset(
  ctx: Pick<AppContext, 'db'>,
  window: WalkthroughWindow,
): Promise<Map<string, WalkthroughDependency['incidents']>> {
  const byAsset = new Map<string, WalkthroughDependency['incidents']>();
  for await (const page of incidentRegisterPages(ctx, window)) {
    for (const incident of page) {
      const summary = {
        number: incident.number,
        title: incident.title,
        severity: incident.severity,
        detectedAt: incident.detectedAt.toISOString(),
        statusAtEnd: incident.statusAtEnd,
        decision: incident.decision,
        decisionOnTime: incident.decisionOnTime,
        nonconformance: incident.nonconformance,
      };
      for (const assetKey of incident.assets) {
        byAsset.set(assetKey, [...(byAsset.get(assetKey) ?? []), summary]);
      }
    }
  }
  return byAsset;
}

/**
 * Nonconformances open at some time in the period, by the asset each concerns: the asset of the
 * missed occurrence, of the restore test, or measured by the DR exercise that raised it.
 */
export async function nonconformancesByAsset(
  ctx: Ctx,
  window: WalkthroughWindow,
  drExercises: readonly DrExerciseView[],
): Promise<NonconformancesByAsset> {
  const inPeriod = (await listNonconformances(ctx)).filter(
    (nc) =>
      new Date(nc.raisedAt) < window.end &&
      new Date(nc.raisedAt) <= window.asOf &&
      (nc.closedAt === null || new Date(nc.closedAt) >= window.start),
  );
  const restoreTestAssets = new Map(
    (await listRestoreTests(ctx)).map((test) => [test.id, test.assetKey]),
  );
  const exerciseAssets = new Map(
    drExercises.map((exercise) => [
      exercise.id,
      exercise.recoveryMeasurements.flatMap((measurement) =>
        measurement.assetKey ? [measurement.assetKey] : [],
      ),
    ]),
  );
  const byAsset: NonconformancesByAsset = new Map();
  for (const nc of [...inPeriod].reverse()) {
    let assets: string[];
    switch (nc.sourceType) {
      case 'occurrence':
        assets = [(await getOccurrence(ctx, nc.sourceId)).assetKey].filter(Boolean);
        break;
      case 'restore-test':
        assets = [restoreTestAssets.get(nc.sourceId) ?? ''].filter(Boolean);
        break;
      case 'dr-exercise':
        assets = exerciseAssets.get(nc.sourceId) ?? [];
        break;
      case 'incident':
        // The incident itself (incidents module) lists the assets it affected.
        assets = [];
        break;
      case 'manual':
        // Raised by hand about no asset in particular.
        assets = [];
        break;
    }
    for (const assetKey of new Set(assets)) {
      byAsset.set(assetKey, [
        ...(byAsset.get(assetKey) ?? []),
        {
          number: nc.number,
          title: nc.title,
          sourceType: nc.sourceType,
          deficiency: nc.deficiency,
          status: nc.status,
          raisedAt: nc.raisedAt,
          closedAt: nc.closedAt,
          openAtPeriodEnd: nc.closedAt === null || new Date(nc.closedAt) >= window.end,
        },
      ]);
    }
  }
  return byAsset;
}

/**
 * Backup runs, incidents, restore tests and DR exercises of an asset in the period; null when no
 * backup policy applies to it (the backups module decides, as its status page does).
 */
export async function assetBackupsIn(
  ctx: Ctx,
  assetKey: string,
  window: WalkthroughWindow,
  drExercises: readonly DrExerciseView[],
): Promise<WalkthroughDependency['backups']> {
  const to = window.asOf > window.start ? window.asOf : window.start;
  const detail = await getBackupAssetDetail(ctx, assetKey, {
    from: window.start.toISOString(),
    to: to.toISOString(),
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  if (!detail) return null;
  const restoreTests = (await listRestoreTests(ctx, { asset: assetKey })).filter((test) =>
    within(test.startedAt, window),
  );
  return {
    policySource: detail.status.policy.source,
    runs: {
      total: detail.runs.total,
      succeeded: detail.runs.succeeded,
      failed: detail.runs.failed,
    },
    lastSuccessAt: detail.runs.items.find((run) => run.status === 'succeeded')?.finishedAt ?? null,
    incidents: detail.incidents.map((incident) => ({
      kind: incident.kind,
      summary: incident.summary,
      openedAt: incident.openedAt,
      closedAt: incident.closedAt,
    })),
    restoreTests: restoreTests.map((test) => ({
      number: test.number,
      startedAt: test.startedAt,
      outcome: test.outcome,
      status: test.status,
      performer: test.performerLabel,
      verifier: test.verifierLabel,
    })),
    drExercises: drExercises
      .filter(
        (exercise) =>
          within(exercise.startedAt, window) &&
          exercise.recoveryMeasurements.some((measurement) => measurement.assetKey === assetKey),
      )
      .map((exercise) => ({
        number: exercise.number,
        type: exercise.type,
        startedAt: exercise.startedAt,
        outcome: exercise.outcome,
        status: exercise.status,
        verifier: exercise.verifierLabel,
      })),
  };
}
