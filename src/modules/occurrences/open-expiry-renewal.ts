import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import type { SlaTrigger } from '../controls/catalog.schema.js';
import type { RecordTriggerEventInput } from './occurrence.schema.js';
import { prepareTriggerEvent, recordPreparedTriggerEvent } from './record-trigger-event.js';

/** How long before its expiry the renewal occurrence of something that expires opens. */
export const RENEWAL_NOTICE_DAYS = 30;
const DAY_MS = 86_400_000;

/** Everything expiring by this instant has entered its renewal notice. */
export function renewalNoticeHorizon(now: Date): Date {
  return new Date(now.getTime() + RENEWAL_NOTICE_DAYS * DAY_MS);
}

export interface ExpiringItem {
  /** The trigger of the SLA control that renews it (`certificate-expiry`, …). */
  trigger: SlaTrigger;
  /** The asset it is deployed on, or null for an organisation-wide control. */
  asset: string | null;
  expiresAt: Date;
  /** Unique to the item (and asset): opening twice records nothing new. */
  externalId: string;
  details: RecordTriggerEventInput['details'];
}

/**
 * Opens the renewal occurrence of one thing that expires (a TLS certificate, a supplier's
 * certification): a trigger event at `RENEWAL_NOTICE_DAYS` before expiry whose target is the
 * expiry, so every SLA control of that trigger opens then and is due by the expiry (less the
 * control's lead). `link` records, in the same transaction as the event, which occurrences renew
 * the item. Returns how many occurrences were opened.
 */
export async function openExpiryRenewal(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  item: ExpiringItem,
  link: (tx: AuditedTransaction, occurrenceIds: readonly string[]) => Promise<void>,
): Promise<number> {
  const opensAt = new Date(item.expiresAt.getTime() - RENEWAL_NOTICE_DAYS * DAY_MS);
  const prepared = await prepareTriggerEvent(ctx, {
    type: item.trigger,
    ...(item.asset === null ? {} : { asset: item.asset }),
    at: opensAt.toISOString(),
    targetAt: item.expiresAt.toISOString(),
    externalId: item.externalId,
    details: item.details,
  });
  return mutate(ctx, systemActor, async (tx) => {
    const event = await recordPreparedTriggerEvent(tx, prepared);
    await link(tx, event.occurrenceIds);
    return event.occurrenceIds.length;
  });
}
