import type { CatalogControl } from '../controls/catalog.schema.js';
import { dateInZone, addDays } from '../../platform/time/zoned-time.js';
import { periodInstants, periodsBetween } from './cadence-periods.js';
import { assetInScope, type ScopedAsset } from './scope-match.js';
import { durationMs } from '../../platform/time/iso-duration.js';

/** One occurrence a control should have: the unit of work, evidence and posture. */
export interface PlannedOccurrence {
  controlKey: string;
  /** Which period (2026-03, 2026-Q1, 2026-W13…) or which trigger event it belongs to. */
  periodKey: string;
  /** The asset it is for, or '' for an organisation-wide occurrence. */
  assetKey: string;
  /** When the work may start (period start, or the trigger instant). */
  opensAt: Date;
  /** When it must be done by. */
  dueAt: Date;
  /** When an unfinished occurrence stops being overdue and counts as missed. */
  closesAt: Date;
}

type CadenceControl = Pick<CatalogControl, 'key' | 'perAsset' | 'scope'> & {
  cadence: NonNullable<CatalogControl['cadence']>;
};

/**
 * The occurrences a cadence control has in [from, until): one per period overlapping that span
 * (per asset in scope for per-asset controls), so generating from "now" always includes the
 * period in progress. Unfinished work turns from overdue to
 * missed one period length after its deadline.
 */
export function planCadenceOccurrences(
  control: CadenceControl,
  assets: ScopedAsset[],
  window: { from: Date; until: Date },
  timeZone: string,
): PlannedOccurrence[] {
  const { frequency, startsOn, dayOfPeriod } = control.cadence;
  const periods = periodsBetween(
    frequency,
    startsOn,
    dateInZone(window.from, timeZone),
    addDays(dateInZone(window.until, timeZone), 1),
  );
  const assetKeys = control.perAsset
    ? assets.filter((asset) => assetInScope(asset, control.scope ?? {})).map((a) => a.key)
    : [''];
  const planned: PlannedOccurrence[] = [];
  for (const period of periods) {
    const instants = periodInstants(period, timeZone, dayOfPeriod);
    if (instants.endsAt <= window.from || instants.startsAt >= window.until) continue;
    const closesAt = new Date(
      instants.dueAt.getTime() + (instants.endsAt.getTime() - instants.startsAt.getTime()),
    );
    for (const assetKey of assetKeys) {
      planned.push({
        controlKey: control.key,
        periodKey: period.key,
        assetKey,
        opensAt: instants.startsAt,
        dueAt: instants.dueAt,
        closesAt,
      });
    }
  }
  return planned;
}

/** An event that starts an SLA clock (POST /api/v1/events). */
export interface TriggerEvent {
  id: string;
  type: string;
  assetKey: string | null;
  at: Date;
  /** The instant the event carries for `{ before: … }` deadlines (e.g. the certificate expiry). */
  targetAt: Date | null;
}

type SlaControl = Pick<CatalogControl, 'key' | 'perAsset' | 'scope'> & {
  sla: NonNullable<CatalogControl['sla']>;
};

/** How long after its deadline an unfinished SLA occurrence counts as missed rather than overdue. */
const SLA_MISSED_AFTER_MS = 7 * 86_400_000;

/**
 * The occurrence an SLA control gets from a trigger event: due a fixed time after the event, or a
 * lead time before the instant the event carries. Null when the event is not for this control,
 * or names an asset outside its scope.
 */
export function planSlaOccurrence(
  control: SlaControl,
  event: TriggerEvent,
  asset: ScopedAsset | null,
): PlannedOccurrence | null {
  if (event.type !== control.sla.trigger) return null;
  if (control.scope && asset && !assetInScope(asset, control.scope)) return null;
  if (control.perAsset && !asset) return null;
  const within = control.sla.within;
  let dueAt: Date;
  if (typeof within === 'string') {
    dueAt = new Date(event.at.getTime() + durationMs(within));
  } else {
    if (!event.targetAt) return null;
    dueAt = new Date(event.targetAt.getTime() - (within.lead ? durationMs(within.lead) : 0));
  }
  return {
    controlKey: control.key,
    periodKey: `event:${event.id}`,
    assetKey: asset?.key ?? '',
    opensAt: event.at,
    dueAt,
    closesAt: new Date(dueAt.getTime() + SLA_MISSED_AFTER_MS),
  };
}
