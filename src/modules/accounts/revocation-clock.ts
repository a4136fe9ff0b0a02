/**
 * The revocation clock of one account: started when its holder leaves or changes role, stopped by
 * the first snapshot of the system showing the account disabled, removed or (after a role change)
 * with its roles adjusted. Met when it stopped within the deadline, missed otherwise.
 */
export const REVOCATION_REASONS = ['leaver', 'mover'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export const REVOCATION_OUTCOMES = ['met', 'missed'] as const;
export type RevocationOutcome = (typeof REVOCATION_OUTCOMES)[number];

/** SOP 018 5.4 and the catalogue: 24 hours from the departure or the role change. */
export const REVOCATION_DEADLINE_MS = 24 * 3_600_000;

/** The catalogue's trigger and control for each reason (catalog/controls/access.yaml). */
export const REVOCATION_TRIGGERS = {
  leaver: { trigger: 'employee-departed', control: 'access-revocation-24h' },
  mover: { trigger: 'role-changed', control: 'access-role-change-24h' },
} as const satisfies Record<RevocationReason, { trigger: string; control: string }>;

/** What a snapshot shows of an account, as far as its clock is concerned. */
export interface AccountStateForClock {
  disabled: boolean;
  removed: boolean;
  /** When its roles last changed in a snapshot (null: never since it was first seen). */
  rolesChangedAt: Date | null;
}

/**
 * Whether a snapshot taken at `takenAt` stops an open clock: a leaver's account must be disabled
 * or gone; a mover's may also have had its roles adjusted after the change.
 */
export function stopsClock(
  clock: { reason: RevocationReason; startedAt: Date },
  account: AccountStateForClock,
): boolean {
  if (account.disabled || account.removed) return true;
  switch (clock.reason) {
    case 'leaver':
      return false;
    case 'mover':
      return account.rolesChangedAt !== null && account.rolesChangedAt >= clock.startedAt;
  }
}

/** When the clock stopped (never before it started) and whether that met the deadline. */
export function clockStop(
  clock: { startedAt: Date; dueAt: Date },
  seenAt: Date,
): { stoppedAt: Date; outcome: RevocationOutcome } {
  const stoppedAt = seenAt < clock.startedAt ? clock.startedAt : seenAt;
  return { stoppedAt, outcome: stoppedAt <= clock.dueAt ? 'met' : 'missed' };
}
