import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { claimJobSlot, completeJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import {
  completeSupplierCertificateRenewals,
  openSupplierCertificateRenewals,
} from './supplier-certificate-renewals.js';

export const SUPPLIER_OVERSIGHT_JOB = 'supplier-certificate-renewals';
const SLOT_MS = 3_600_000;

/**
 * Once an hour across all instances (a claimed job slot): opens the renewal occurrence of every
 * supplier certification entering its last 30 days, and completes those whose certification the
 * register now shows renewed.
 */
export function supplierOversightJob(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  options: { instanceId?: string } = {},
): PeriodicJob {
  const instanceId = options.instanceId ?? randomUUID();
  return {
    name: SUPPLIER_OVERSIGHT_JOB,
    run: async () => {
      const now = ctx.clock.now();
      const slot = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
      if (!(await claimJobSlot(ctx.db, SUPPLIER_OVERSIGHT_JOB, slot, instanceId, now))) return null;
      const renewalsOpened = await openSupplierCertificateRenewals(ctx);
      const renewalsCompleted = await completeSupplierCertificateRenewals(ctx);
      await completeJobSlot(ctx.db, SUPPLIER_OVERSIGHT_JOB, slot, ctx.clock.now());
      return { renewalsOpened, renewalsCompleted };
    },
  };
}
