import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import {
  findOccurrenceCovering,
  type CoveringOccurrence,
} from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { isOpen } from '../notifications/occurrence-snapshot.js';
import type { AlertFormat } from './alert.schema.js';
import { alertRepository } from './alerts.repository.js';

/** The control alerts are the evidence of (catalogue source monitoring-alerts). */
export const MONITORING_ALERTS_CONTROL = 'monitoring-alerts-received-monthly';

/**
 * The rule of monitoring-alerts-received-monthly: an asset's monitoring shows it works in a month
 * when an alert mapped to the asset reaches Plumbline during that month, whether new or delivered
 * again (a watchdog alert fires all the time under one fingerprint and start). After each delivery,
 * the month's occurrence of every asset the delivered alerts are mapped to is completed and
 * verified, with a note naming the source; one already finished is left alone.
 */
export async function recordMonitoringEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  delivery: { source: AlertFormat; fingerprints: string[] },
): Promise<void> {
  const now = ctx.clock.now();
  const assets = await alertRepository.assetKeysOf(ctx.db, delivery.source, delivery.fingerprints);
  const due: CoveringOccurrence[] = [];
  for (const { key } of assets) {
    const occurrence = await findOccurrenceCovering(ctx, {
      control: MONITORING_ALERTS_CONTROL,
      asset: key,
      instant: now,
    });
    if (occurrence && isOpen(occurrence.status)) due.push(occurrence);
  }
  if (due.length === 0) return;
  await mutate(
    ctx,
    actor,
    async (tx) => {
      for (const occurrence of due) {
        await satisfyOccurrence(tx, occurrence, {
          note: `Monitoring alert (${delivery.source}) received for ${occurrence.assetKey} at ${now.toISOString()}`,
        });
      }
    },
    { mayFindNothingToDo: true },
  );
}
