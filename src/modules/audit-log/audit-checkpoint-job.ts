import { randomUUID } from 'node:crypto';
import { claimJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { auditCheckpointsRepository } from './audit-checkpoints.repository.js';
import { writeAuditCheckpoint, type CheckpointContext } from './write-audit-checkpoint.js';

export const AUDIT_CHECKPOINT_JOB = 'audit-checkpoint';

/**
 * Once an hour (claimed across instances), a signed checkpoint of the audit chain when events
 * were appended since the newest one: deleting the newest events then shows, at worst, the
 * events of the last hour as unprotected by a checkpoint.
 */
export function auditCheckpointJob(
  ctx: CheckpointContext,
  instanceId: string = randomUUID(),
): PeriodicJob {
  return {
    name: AUDIT_CHECKPOINT_JOB,
    async run() {
      const now = ctx.clock.now();
      const slot = now.toISOString().slice(0, 13);
      if (!(await claimJobSlot(ctx.db, AUDIT_CHECKPOINT_JOB, slot, instanceId, now))) return null;
      const [head, newest] = await Promise.all([
        auditCheckpointsRepository.chainHead(ctx.db),
        auditCheckpointsRepository.newestSeq(ctx.db),
      ]);
      if (!head || head.seq === newest) return null;
      return writeAuditCheckpoint(ctx);
    },
  };
}
