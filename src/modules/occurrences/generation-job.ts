import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { claimJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { generateOccurrences } from './generate-occurrences.js';

/** Generate this far ahead, so "upcoming" work is visible and reminders can go out before it is due. */
export const GENERATION_HORIZON_DAYS = 35;

/**
 * Once an hour (claimed across instances), generate occurrences from now to the horizon. The
 * period in progress is always included, so a server that was down at a period start catches up.
 */
export function occurrenceGenerationJob(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  instanceId = randomUUID(),
): PeriodicJob {
  return {
    name: 'generate-occurrences',
    async run() {
      const now = ctx.clock.now();
      const slot = now.toISOString().slice(0, 13);
      if (!(await claimJobSlot(ctx.db, 'generate-occurrences', slot, instanceId, now))) return;
      await generateOccurrences(ctx, {
        from: now,
        until: new Date(now.getTime() + GENERATION_HORIZON_DAYS * 86_400_000),
      });
    },
  };
}
