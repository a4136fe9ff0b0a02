import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import type { NonconformanceView } from '../nonconformances/nonconformance.schema.js';
import { startDeficiencySla } from '../nonconformances/start-deficiency-sla.js';

/**
 * Starts the remediation SLA of deficiencies a record just raised. The record and its deficiencies
 * are committed already, so a failure here must not answer 500 (the caller would record the test
 * again): it is logged, and the nonconformance job starts the SLA within a minute.
 */
export async function startSlaOrLeaveToJob(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
  actor: Actor,
  deficiencies: NonconformanceView[],
): Promise<void> {
  try {
    await startDeficiencySla(ctx, actor, deficiencies);
  } catch (error) {
    ctx.logger.error(
      { err: error, deficiencies: deficiencies.map((deficiency) => deficiency.id) },
      'deficiency SLA not started; the nonconformance job will retry',
    );
  }
}
