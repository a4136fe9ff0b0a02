import type { AppContext } from '../../platform/context.js';
import { listBackupIncidents } from '../backups/backup-incident-list.js';
import { getBackupStatus } from '../backups/backup-status.js';
import type { BackupAssetStatusView } from '../backups/backup-status.schema.js';
import { listBackupRuns } from '../backups/list-backup-runs.js';
import { listNonconformances } from '../nonconformances/nonconformance.service.js';
import { worstStatus } from '../posture/control-status.js';
import { evaluatePosture } from '../posture/evaluate-posture.js';
import { drExerciseRepository } from './dr-exercise.repository.js';
import { toDrExerciseView } from './dr-exercise.service.js';
import { restoreTestRepository } from './restore-test.repository.js';
import { toRestoreTestView } from './restore-test.service.js';
import type { A12EvidenceKind, Soc2A12Item, Soc2A12Page, Soc2A12Query } from './soc2-a12.schema.js';

const A12_PREFIX = 'soc2:A1.2';
const LATEST = 5;

/** Which evidence section a control's evaluation points at. */
function evidenceKindOf(evaluation: string): A12EvidenceKind {
  switch (evaluation) {
    case 'automatic:backup-runs':
    case 'automatic:backup-replication':
      return 'backup-runs';
    case 'automatic:restore-tests':
      return 'restore-tests';
    case 'automatic:dr-exercises':
      return 'dr-exercises';
    case 'automatic:capas':
      return 'deficiencies';
    default:
      return 'work-orders';
  }
}

/** How many assets meet their retention, and which do not, from the backup status. */
function retentionSummary(items: BackupAssetStatusView[]) {
  const count = (state: BackupAssetStatusView['retention']['state']) =>
    items.filter((item) => item.retention.state === state).length;
  return {
    met: count('met'),
    notMet: count('not_met'),
    noListing: count('no_listing'),
    assetsNotMet: items
      .filter((item) => item.retention.state === 'not_met')
      .map(({ assetKey, retention }) => ({
        assetKey,
        retention: retention.retention,
        listedAt: retention.listedAt,
        oldestPointAt: retention.oldestPointAt,
        requiredOldestPointAt: retention.requiredOldestPointAt,
      })),
  };
}

function kindOfKey(key: string): Soc2A12Item['kind'] {
  if (key.includes('-action-')) return 'action';
  return key.includes('-focus-') ? 'focus' : 'criterion';
}

/**
 * SOC 2 A1.2 at an instant: each action item and point of focus of the catalogue with its status
 * from the posture and the controls mapped to it, and the evidence behind them: backup status,
 * runs and incidents, restore tests, DR exercises and the deficiencies still open. Records count
 * when they were recorded by the instant.
 */
export async function reportSoc2A12(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Soc2A12Query,
): Promise<Soc2A12Page> {
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const atIso = at.toISOString();
  const [posture, backups, runs, incidents, restoreTests, exercises, nonconformances] =
    await Promise.all([
      evaluatePosture(ctx, { at: atIso, atRiskDays: 7 }),
      getBackupStatus(ctx, { at: atIso }),
      listBackupRuns(ctx, { to: atIso, limit: LATEST }),
      listBackupIncidents(ctx, { at: atIso, limit: 10 }),
      restoreTestRepository.list(ctx.db, { recordedUntil: at }),
      drExerciseRepository.list(ctx.db, { recordedUntil: at }),
      listNonconformances(ctx, {}),
    ]);
  const controls = new Map(posture.controls.map((control) => [control.key, control]));
  const soc2 = posture.frameworks.find((framework) => framework.key === 'soc2');
  const items = (soc2?.requirements ?? [])
    .filter((requirement) => requirement.key.startsWith(A12_PREFIX))
    .map((requirement) => {
      const mapped = requirement.controls.map((mappedControl) => {
        const control = controls.get(mappedControl.key);
        return {
          key: mappedControl.key,
          title: control?.title ?? mappedControl.key,
          status: mappedControl.status,
          evaluation: control?.evaluation ?? 'manual',
        };
      });
      return {
        key: requirement.key,
        reference: requirement.reference,
        title: requirement.title,
        kind: kindOfKey(requirement.key),
        status: requirement.status,
        controls: mapped,
        evidenceKinds: [...new Set(mapped.map((control) => evidenceKindOf(control.evaluation)))],
      };
    });
  const restoreViews = restoreTests.map(toRestoreTestView);
  return {
    at: atIso,
    status: worstStatus(items.map((item) => item.status)),
    items,
    evidence: {
      backups: {
        counts: backups.counts,
        latestRuns: runs.items,
        recentIncidents: incidents.items,
        retention: retentionSummary(backups.items),
      },
      restoreTests: {
        total: restoreViews.length,
        passed: restoreViews.filter((test) => test.outcome === 'pass').length,
        failed: restoreViews.filter((test) => test.outcome === 'fail').length,
        verified: restoreViews.filter(
          (test) => test.verifiedAt !== null && new Date(test.verifiedAt) <= at,
        ).length,
        latest: restoreViews.slice(0, LATEST),
      },
      drExercises: {
        total: exercises.length,
        latest: exercises.slice(0, LATEST).map(toDrExerciseView),
      },
      openDeficiencies: nonconformances.filter(
        (nc) =>
          nc.deficiency &&
          new Date(nc.raisedAt) <= at &&
          (nc.closedAt === null || new Date(nc.closedAt) > at),
      ),
    },
  };
}
