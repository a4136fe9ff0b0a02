/**
 * The closed set of statuses a control, a requirement, a framework or an asset can have at an
 * instant (docs/posture.md). Listed from worst to best: a roll-up takes the worst of its parts.
 */
export const CONTROL_STATUSES = [
  'failing',
  'at_risk',
  'no_evidence',
  'passing',
  'not_applicable',
] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export type StatusCounts = Record<ControlStatus, number>;

/** How many of the current occurrences of a control (or of an asset) are in each class at t. */
export interface CurrentOccurrenceCounts {
  /** Overdue, missed, or done but unverified after the deadline. */
  failing: number;
  /** Not done and due within the at-risk horizon. */
  atRisk: number;
  verified: number;
  notApplicable: number;
  /** Open and not yet due soon, or done and awaiting verification before the deadline. */
  pending: number;
}

const severity = (status: ControlStatus): number => CONTROL_STATUSES.indexOf(status);

/** The worst status of a set; a set with nothing in it has no evidence. */
export function worstStatus(statuses: Iterable<ControlStatus>): ControlStatus {
  let worst: ControlStatus | undefined;
  for (const status of statuses) {
    if (worst === undefined || severity(status) < severity(worst)) worst = status;
  }
  return worst ?? 'no_evidence';
}

/**
 * The status of a control (or of one asset's controls) from its current occurrences: failing
 * beats at risk beats passing; passing needs at least one verified closeout; not applicable only
 * when every current occurrence was declared not applicable; anything else has no evidence.
 */
export function statusFromOccurrences(counts: CurrentOccurrenceCounts): ControlStatus {
  if (counts.failing > 0) return 'failing';
  if (counts.atRisk > 0) return 'at_risk';
  if (counts.verified > 0) return 'passing';
  if (counts.notApplicable > 0 && counts.pending === 0) return 'not_applicable';
  return 'no_evidence';
}

export function countStatuses(statuses: Iterable<ControlStatus>): StatusCounts {
  const counts: StatusCounts = {
    failing: 0,
    at_risk: 0,
    no_evidence: 0,
    passing: 0,
    not_applicable: 0,
  };
  for (const status of statuses) counts[status] += 1;
  return counts;
}
