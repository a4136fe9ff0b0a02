/**
 * The closed set of states of a change and the one function that decides what may happen to it.
 * A change is requested, approved (an e-signature by someone other than its requester), implemented
 * and verified (signed, within 48 hours of implementation); it may be rejected while requested and
 * cancelled until it is implemented. An emergency change may be implemented before it is approved
 * and is then approved retrospectively, within the configured time (docs/changes.md).
 */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_RISKS = ['low', 'medium', 'high'] as const;
export type ChangeRisk = (typeof CHANGE_RISKS)[number];

export const CHANGE_STATUSES = [
  'requested',
  'approved',
  'implemented',
  'verified',
  'rejected',
  'cancelled',
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const CHANGE_ACTIONS = ['approve', 'reject', 'implement', 'verify', 'cancel'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** Which actions each state allows: the only definition of the transitions. */
export const CHANGE_TRANSITIONS: Record<ChangeStatus, readonly ChangeAction[]> = {
  requested: ['approve', 'reject', 'implement', 'cancel'],
  approved: ['implement', 'cancel'],
  // An emergency change implemented first is approved afterwards, staying implemented.
  implemented: ['approve', 'verify'],
  verified: [],
  rejected: [],
  cancelled: [],
};

export interface ChangeFacts {
  status: ChangeStatus;
  type: ChangeType;
  approved: boolean;
}

export type ChangeDecision = { ok: true; to: ChangeStatus } | { ok: false; reason: string };

/** Whether `action` may happen to a change in this state, and the state it leads to. */
export function decideChangeAction(facts: ChangeFacts, action: ChangeAction): ChangeDecision {
  if (!CHANGE_TRANSITIONS[facts.status].includes(action)) {
    return { ok: false, reason: `a change that is ${facts.status} cannot be ${PAST[action]}` };
  }
  switch (action) {
    case 'approve':
      if (facts.approved) return { ok: false, reason: 'the change is already approved' };
      if (facts.status === 'implemented' && facts.type !== 'emergency') {
        return { ok: false, reason: 'only an emergency change is approved after implementation' };
      }
      return { ok: true, to: facts.status === 'implemented' ? 'implemented' : 'approved' };
    case 'implement':
      if (!facts.approved && facts.type !== 'emergency') {
        return { ok: false, reason: 'approve the change before implementing it' };
      }
      return { ok: true, to: 'implemented' };
    case 'verify':
      if (!facts.approved) {
        return {
          ok: false,
          reason: 'approve the emergency change retrospectively before verifying it',
        };
      }
      return { ok: true, to: 'verified' };
    case 'reject':
      return { ok: true, to: 'rejected' };
    case 'cancel':
      return { ok: true, to: 'cancelled' };
  }
}

const PAST: Record<ChangeAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  implement: 'implemented',
  verify: 'verified',
  cancel: 'cancelled',
};

/** Hours after implementation within which a change is verified (post-change-verification-48h). */
export const VERIFICATION_HOURS = 48;

const HOUR_MS = 3_600_000;

export interface ChangeTimestamps {
  type: ChangeType;
  approvedAt: Date | null;
  implementedAt: Date | null;
  verifiedAt: Date | null;
}

/**
 * What an auditor asks of a change's timestamps. Approved before implemented: the approval
 * precedes the implementation, or, for an emergency change, follows it within the retrospective
 * window. Verified within 48 h: the verification is signed within 48 hours of implementation.
 * Null while it cannot be told yet (not implemented, or still within its time).
 */
export function judgeChangeTimestamps(
  change: ChangeTimestamps,
  now: Date,
  emergencyApprovalHours: number,
): { approvedBeforeImplementation: boolean | null; verifiedWithin48h: boolean | null } {
  const implemented = change.implementedAt;
  if (!implemented) return { approvedBeforeImplementation: null, verifiedWithin48h: null };
  const approvalDue = approvalDueAt(change.type, implemented, emergencyApprovalHours);
  return {
    approvedBeforeImplementation: judge(change.approvedAt, approvalDue, now),
    verifiedWithin48h: judge(change.verifiedAt, verificationDueAt(implemented), now),
  };
}

/** When the approval of an implemented change was due: at implementation, or after it (emergency). */
export function approvalDueAt(type: ChangeType, implementedAt: Date, emergencyHours: number): Date {
  return type === 'emergency'
    ? new Date(implementedAt.getTime() + emergencyHours * HOUR_MS)
    : implementedAt;
}

export function verificationDueAt(implementedAt: Date): Date {
  return new Date(implementedAt.getTime() + VERIFICATION_HOURS * HOUR_MS);
}

function judge(doneAt: Date | null, dueAt: Date, now: Date): boolean | null {
  if (doneAt) return doneAt <= dueAt;
  return now > dueAt ? false : null;
}
