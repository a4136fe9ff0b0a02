import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { claimJobSlot, completeJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import {
  alertExpiredProductionCertificates,
  openCertificateRenewals,
} from './certificate-expiry.js';
import { probeEndpoints } from './probe-endpoints.js';
import { createTlsProber, type TlsProber } from './probe-tls.js';

export const CERTIFICATE_JOB = 'probe-certificates';
const SLOT_MS = 3_600_000;

/**
 * Once an hour across all instances (a claimed job slot): probe every endpoint, open the renewal
 * occurrences of certificates entering their last 30 days, and alert on expired certificates of
 * production endpoints. The outbox delivery later in the same tick sends the alerts.
 */
export function certificateJob(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  options: { prober?: TlsProber; instanceId?: string } = {},
): PeriodicJob {
  const prober = options.prober ?? createTlsProber();
  const instanceId = options.instanceId ?? randomUUID();
  return {
    name: CERTIFICATE_JOB,
    run: async () => {
      const now = ctx.clock.now();
      const slot = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
      if (!(await claimJobSlot(ctx.db, CERTIFICATE_JOB, slot, instanceId, now))) return null;
      const probes = await probeEndpoints(ctx, prober);
      const renewalsOpened = await openCertificateRenewals(ctx);
      const alertsQueued = await alertExpiredProductionCertificates(ctx);
      await completeJobSlot(ctx.db, CERTIFICATE_JOB, slot, ctx.clock.now());
      return { probes: probes.length, renewalsOpened, alertsQueued };
    },
  };
}
