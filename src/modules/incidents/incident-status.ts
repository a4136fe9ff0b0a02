/**
 * The closed set of states of an incident and the one function that moves between them. An
 * incident is worked open → mitigated → resolved → closed; it may go back (a fix that did not
 * hold) until it is closed, and a closed incident stays closed.
 */
export const INCIDENT_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Which states each state may move to: the only definition of the transitions. */
export const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  open: ['mitigated', 'resolved'],
  mitigated: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export interface IncidentFacts {
  status: IncidentStatus;
  decided: boolean;
  postIncidentReview: string;
}

export type TransitionDecision = { ok: true } | { ok: false; reason: string };

/**
 * Whether an incident may move to `to`. Closing needs the conformity decision and a written
 * post-incident review: a closed incident is the complete record an auditor reads.
 */
export function decideIncidentTransition(
  facts: IncidentFacts,
  to: IncidentStatus,
): TransitionDecision {
  if (!INCIDENT_TRANSITIONS[facts.status].includes(to)) {
    return { ok: false, reason: `an incident that is ${facts.status} cannot become ${to}` };
  }
  switch (to) {
    case 'closed':
      if (!facts.decided) {
        return { ok: false, reason: 'record the conformity decision before closing the incident' };
      }
      if (facts.postIncidentReview.trim() === '') {
        return { ok: false, reason: 'write the post-incident review before closing the incident' };
      }
      return { ok: true };
    case 'open':
    case 'mitigated':
    case 'resolved':
      return { ok: true };
  }
}

/** The text of a status timeline entry: the move, then the note if any. */
export const statusEntryText = (from: IncidentStatus, to: IncidentStatus, note: string): string =>
  `${from} → ${to}${note ? `: ${note}` : ''}`;

/** The status a status timeline entry moved to (statusEntryText read back); null if none. */
export function statusAfterEntry(text: string): IncidentStatus | null {
  const match = /^[a-z]+ → ([a-z]+)/.exec(text);
  const to = match?.[1];
  return (INCIDENT_STATUSES as readonly string[]).includes(to ?? '')
    ? (to as IncidentStatus)
    : null;
}
