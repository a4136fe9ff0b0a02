import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { defaultDeficiencyDueOn } from '../nonconformances/nonconformance.service.js';
import { raiseDeficiency } from '../nonconformances/raise-deficiency.js';
import { getBackupRun } from '../backups/list-backup-runs.js';
import { durationMs } from '../../platform/time/iso-duration.js';
import { getAsset } from '../register/asset-queries.js';
import type { AssetView } from '../register/asset.schema.js';
import { startSlaOrLeaveToJob } from './start-sla-or-leave-to-job.js';
import { recoveryTargetsFor, type RecoveryTargets } from './recovery-targets.js';
import { restoreTestRepository } from './restore-test.repository.js';
import {
  formatRestoreTestNumber,
  type IntegrityCheck,
  type RecordRestoreTestInput,
  type RestoreTestDetail,
  type RestoreTestOutcome,
} from './restore-test.schema.js';
import { getRestoreTest } from './restore-test.service.js';

const field = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, {
    issues: [{ path: `body.${path}`, message }],
  });

/**
 * Pass or fail against the targets: the restore took no longer than the RTO, the restored data
 * was no older than the RPO when the restore began, and every integrity check passed.
 */
export function judgeRestoreTest(
  measured: { rtoSeconds: number; rpoSeconds: number },
  targets: Pick<RecoveryTargets, 'rto' | 'rpo'>,
  integrityChecks: IntegrityCheck[],
): { outcome: RestoreTestOutcome; failureReasons: string[] } {
  const reasons: string[] = [];
  if (measured.rtoSeconds * 1000 > durationMs(targets.rto)) {
    reasons.push(`The restore took ${measured.rtoSeconds} s, beyond the RTO of ${targets.rto}`);
  }
  if (measured.rpoSeconds * 1000 > durationMs(targets.rpo)) {
    reasons.push(
      `The restored data was ${measured.rpoSeconds} s old, beyond the RPO of ${targets.rpo}`,
    );
  }
  for (const check of integrityChecks.filter((candidate) => !candidate.passed)) {
    reasons.push(`Integrity check failed: ${check.check}${check.note ? ` (${check.note})` : ''}`);
  }
  return { outcome: reasons.length === 0 ? 'pass' : 'fail', failureReasons: reasons };
}

async function assetOf(ctx: Pick<AppContext, 'db'>, key: string): Promise<AssetView> {
  try {
    return await getAsset(ctx, key);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found')
      throw field('asset', `there is no asset ${key}`);
    throw error;
  }
}

/** The recovery point: as given, or the instant the backup run's data represents. */
async function recoveryPointOf(
  ctx: Pick<AppContext, 'db'>,
  asset: AssetView,
  input: RecordRestoreTestInput,
): Promise<{ at: Date; source: 'backup-run' | 'given' }> {
  if (input.backupRunId) {
    const run = await getBackupRun(ctx, input.backupRunId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (!run || run.assetKey !== asset.key)
      throw field('backupRunId', `is not a backup run of ${asset.key}`);
    if (!input.recoveryPointAt) {
      const at = new Date(run.recoveryPointAt ?? run.startedAt);
      if (at.getTime() > Date.parse(input.startedAt))
        throw field('backupRunId', 'the run is more recent than the start of the restore');
      return { at, source: 'backup-run' };
    }
  }
  return { at: new Date(input.recoveryPointAt!), source: 'given' };
}

/**
 * Records a restore test performed by the caller: the measured recovery time (finished − started)
 * and recovery point (started − recovery point) are judged against the asset's targets, and a
 * failed or out-of-target test raises a deficiency, whose remediation SLA starts with it.
 */
export async function recordRestoreTest(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'logger'>,
  actor: Actor,
  input: RecordRestoreTestInput,
): Promise<RestoreTestDetail> {
  const asset = await assetOf(ctx, input.asset);
  const recoveryPoint = await recoveryPointOf(ctx, asset, input);
  const targets = await recoveryTargetsFor(ctx, asset.key);
  const startedAt = new Date(input.startedAt);
  const finishedAt = new Date(input.finishedAt);
  const measured = {
    rtoSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    rpoSeconds: Math.round((startedAt.getTime() - recoveryPoint.at.getTime()) / 1000),
  };
  const judged = judgeRestoreTest(measured, targets, input.integrityChecks);
  const { id, deficiency } = await mutate(ctx, actor, async (tx) => {
    const row = await restoreTestRepository.insert(tx.trx, {
      assetId: asset.id,
      backupRunId: input.backupRunId ?? null,
      startedAt,
      finishedAt,
      recoveryPointAt: recoveryPoint.at,
      recoveryPointSource: recoveryPoint.source,
      measuredRtoSeconds: measured.rtoSeconds,
      measuredRpoSeconds: measured.rpoSeconds,
      targetRto: targets.rto,
      targetRpo: targets.rpo,
      targetsSource: targets.source,
      integrityChecks: input.integrityChecks,
      outcome: judged.outcome,
      failureReasons: judged.failureReasons,
      notes: input.notes,
      performerId: actor.id ?? actor.label,
      performerLabel: actor.label,
      now: tx.now,
    });
    const number = formatRestoreTestNumber(row.number);
    await tx.audit({
      action: 'restore_test.recorded',
      entityType: 'restore_test',
      entityId: row.id,
      after: { number, assetKey: asset.key, ...measured, ...targets, ...judged },
    });
    const raised =
      judged.outcome === 'fail'
        ? await raiseDeficiency(ctx, tx, {
            sourceType: 'restore-test',
            sourceId: row.id,
            sourceItem: '',
            title: `Restore test ${number} of ${asset.key} failed`,
            description: judged.failureReasons.join('\n'),
            ownerRole: asset.ownerRole,
            owner: { owner_user_id: null, owner_user_label: null },
            dueOn: defaultDeficiencyDueOn(tx.now, ctx.config.timezone),
          })
        : undefined;
    return { id: row.id, deficiency: raised };
  });
  if (deficiency) await startSlaOrLeaveToJob(ctx, actor, [deficiency]);
  return getRestoreTest(ctx, id, null);
}
