import { durationMs } from '../../platform/time/iso-duration.js';
import type { ActiveControl } from '../controls/active-control-definitions.js';
import type { FindingSeverity } from './parsers/scan-report.js';

/**
 * The trigger each SLA control of the catalogue starts on, for the severities the SOP gives a
 * deadline of its own: critical patches within 72 hours, high vulnerabilities within 30 days.
 */
export const FINDING_SLA_TRIGGERS = {
  critical: 'critical-patch-released',
  high: 'high-vulnerability-found',
} as const satisfies Partial<Record<FindingSeverity, string>>;

/**
 * Deadlines when the catalogue names none (docs/vulnerabilities.md): medium 90 days, low 180
 * days; an unknown severity is treated as medium until someone rates it; negligible has none.
 */
export const DEFAULT_FINDING_SLAS: Readonly<Record<FindingSeverity, string | null>> = {
  critical: 'PT72H',
  high: 'P30D',
  medium: 'P90D',
  low: 'P180D',
  unknown: 'P90D',
  negligible: null,
};

export type FindingDeadlines = Readonly<Record<FindingSeverity, Date | null>>;

/**
 * The deadline of a finding of each severity detected at `detectedAt`: for critical and high, the
 * `within` of the catalogue control their trigger starts (so the finding and its SLA occurrence
 * agree), else the default. Computed once, at first detection, and stored: a later change of
 * policy never moves it.
 */
export function findingDeadlines(
  controls: readonly ActiveControl[],
  detectedAt: Date,
): FindingDeadlines {
  const durations: Record<FindingSeverity, string | null> = { ...DEFAULT_FINDING_SLAS };
  for (const [severity, trigger] of Object.entries(FINDING_SLA_TRIGGERS) as [
    keyof typeof FINDING_SLA_TRIGGERS,
    string,
  ][]) {
    const within = controls.find((control) => control.content.sla?.trigger === trigger)?.content.sla
      ?.within;
    if (typeof within === 'string') durations[severity] = within;
  }
  const deadline = (duration: string | null) =>
    duration === null ? null : new Date(detectedAt.getTime() + durationMs(duration));
  return {
    critical: deadline(durations.critical),
    high: deadline(durations.high),
    medium: deadline(durations.medium),
    low: deadline(durations.low),
    unknown: deadline(durations.unknown),
    negligible: deadline(durations.negligible),
  };
}
