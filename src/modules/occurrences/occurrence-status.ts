/**
 * The closed set of states an occurrence can be in. Stored facts are only the occurrence's
 * window and an append-only list of events; the status at any instant is derived from them, which
 * is what makes "posture as of 30 June" give the same answer next year.
 */
export const OCCURRENCE_STATUSES = [
  'upcoming',
  'due',
  'in_progress',
  'done',
  'verified',
  'overdue',
  'missed',
  'not_applicable',
] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export const OCCURRENCE_EVENT_KINDS = [
  'started',
  'completed',
  'verified',
  'rejected',
  'not_applicable',
] as const;
export type OccurrenceEventKind = (typeof OCCURRENCE_EVENT_KINDS)[number];

export interface OccurrenceWindow {
  opensAt: Date;
  dueAt: Date;
  closesAt: Date;
}

export interface OccurrenceEvent {
  kind: OccurrenceEventKind;
  at: Date;
}

/** Where the recorded work stands, ignoring the clock. */
export const WORK_STATES = [
  'not_started',
  'in_progress',
  'done',
  'verified',
  'not_applicable',
] as const;
export type WorkState = (typeof WORK_STATES)[number];

/** The work state after one more event: the only definition of the transitions. */
export function workStateAfter(state: WorkState, kind: OccurrenceEventKind): WorkState {
  switch (kind) {
    case 'started':
      return state === 'not_started' ? 'in_progress' : state;
    case 'completed':
      return 'done';
    case 'verified':
      return state === 'done' ? 'verified' : state;
    case 'rejected':
      // A rejected closeout goes back to the performer.
      return state === 'done' ? 'in_progress' : state;
    case 'not_applicable':
      return 'not_applicable';
  }
}

/** The status of an occurrence at instant `at`, from its window and the events recorded up to then. */
export function occurrenceStatusAt(
  window: OccurrenceWindow,
  events: OccurrenceEvent[],
  at: Date,
): OccurrenceStatus {
  let state: WorkState = 'not_started';
  for (const event of events) {
    if (event.at <= at) state = workStateAfter(state, event.kind);
  }
  return statusFromWorkState(window, state, at);
}

/** The status at `at` of an occurrence whose recorded work, by then, is in `state`. */
export function statusFromWorkState(
  window: OccurrenceWindow,
  state: WorkState,
  at: Date,
): OccurrenceStatus {
  switch (state) {
    case 'verified':
    case 'done':
    case 'not_applicable':
      return state;
    case 'in_progress':
    case 'not_started':
      if (at >= window.closesAt) return 'missed';
      if (at >= window.dueAt) return 'overdue';
      if (state === 'in_progress') return 'in_progress';
      return at < window.opensAt ? 'upcoming' : 'due';
  }
}

/**
 * Which commands the status allows: the legal transitions. Anything else is refused with a
 * conflict, so the record can only move along the paths an auditor expects.
 */
export const ALLOWED_EVENTS: Record<OccurrenceStatus, readonly OccurrenceEventKind[]> = {
  upcoming: ['started', 'completed', 'not_applicable'],
  due: ['started', 'completed', 'not_applicable'],
  in_progress: ['completed', 'not_applicable'],
  overdue: ['started', 'completed', 'not_applicable'],
  missed: ['started', 'completed', 'not_applicable'],
  done: ['verified', 'rejected'],
  verified: [],
  not_applicable: [],
};
