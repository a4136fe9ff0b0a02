import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { claimJobSlot, completeJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { evaluateBackups } from './evaluate-backups.js';

export const BACKUP_EVALUATION_JOB = 'evaluate-backups';

/**
 * Backup evaluation on the scheduler: once per `PLUMBLINE_BACKUP_EVALUATION_SECONDS` slot across
 * all instances (the slot is claimed in job_claims), on the first scheduler tick inside the slot.
 * An alert is therefore queued at most one slot plus one scheduler tick after the run that
 * caused it, and sent by the outbox delivery that runs later in the same tick.
 */
export function backupEvaluationJob(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  instanceId: string = randomUUID(),
): PeriodicJob {
  return {
    name: BACKUP_EVALUATION_JOB,
    run: async () => {
      const now = ctx.clock.now();
      const slotMs = ctx.config.backupEvaluationSeconds * 1000;
      const slot = new Date(Math.floor(now.getTime() / slotMs) * slotMs).toISOString();
      if (!(await claimJobSlot(ctx.db, BACKUP_EVALUATION_JOB, slot, instanceId, now))) return null;
      const result = await evaluateBackups(ctx);
      await completeJobSlot(ctx.db, BACKUP_EVALUATION_JOB, slot, ctx.clock.now());
      return result;
    },
  };
}
