import type { SecondPersonRule } from '../signatures/second-person-rule.js';
import {
  decideChangeAction,
  type ChangeAction,
  type ChangeStatus,
  type ChangeType,
} from './change-status.js';
import type { ChangeRow } from './changes.repository.js';

/** What the signature on a change means. */
export const CHANGE_SIGNATURE_MEANINGS = { approve: 'approved', verify: 'verified' } as const;

/** The change's facts as the transition function reads them. */
export function changeFacts(row: Pick<ChangeRow, 'status' | 'type' | 'approved_at'>) {
  return {
    status: row.status as ChangeStatus,
    type: row.type as ChangeType,
    approved: row.approved_at !== null,
  };
}

function stateFor(row: ChangeRow, action: ChangeAction): SecondPersonRule['state'] {
  const decision = decideChangeAction(changeFacts(row), action);
  return decision.ok ? { open: true } : { open: false, reason: decision.reason };
}

/** Who may approve: a signed-in person managing changes who did not request it, re-authenticating. */
export function approvalRule(row: ChangeRow): SecondPersonRule {
  return {
    permission: 'changes:manage',
    state: stateFor(row, 'approve'),
    doneBy: row.requester_id,
    ownWorkReason: 'a change cannot be approved by its requester',
  };
}

/** Who may sign the post-change verification: a signed-in person managing changes. */
export function verificationRule(row: ChangeRow): SecondPersonRule {
  return {
    permission: 'changes:manage',
    state: stateFor(row, 'verify'),
    doneBy: null,
    ownWorkReason: '',
  };
}
