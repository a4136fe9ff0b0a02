import type { ControlContent } from '../controls/catalog-content.js';
import type { ControlLookback } from './posture.repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The longest a period of each cadence can last (a DST change adds an hour). */
const LONGEST_PERIOD_MS = {
  daily: DAY_MS + HOUR_MS,
  weekly: 7 * DAY_MS + HOUR_MS,
  monthly: 31 * DAY_MS + HOUR_MS,
  quarterly: 92 * DAY_MS + HOUR_MS,
  annual: 366 * DAY_MS + HOUR_MS,
} as const;

/**
 * A bound the database can use with the (control, due) index: an occurrence is current only if its
 * deadline is less than two of its periods ago, so nothing due before this bound can be. SLA
 * occurrences get a year, far more than their grace, since there are few of them.
 */
export function controlLookback(
  control: { id: string; content: Pick<ControlContent, 'cadence'> },
  at: Date,
): ControlLookback {
  const period = control.content.cadence
    ? LONGEST_PERIOD_MS[control.content.cadence.frequency]
    : LONGEST_PERIOD_MS.annual;
  return { controlId: control.id, dueAfter: new Date(at.getTime() - 2 * period - DAY_MS) };
}
