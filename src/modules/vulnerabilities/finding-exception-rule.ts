import type { Selectable } from 'kysely';
import type { FindingExceptionsTable } from '../../platform/db/schema.js';
import type { SecondPersonRule } from '../signatures/second-person-rule.js';
import type { FindingView } from './vulnerability.schema.js';

/**
 * Who may approve a risk acceptance: a signed-in member of Security (the catalogue's "approved by
 * Security"), never its requester, while it is requested, unexpired and its finding not fixed.
 */
export function exceptionApprovalRule(
  exception: Pick<Selectable<FindingExceptionsTable>, 'status' | 'expires_at' | 'requested_by_id'>,
  finding: Pick<FindingView, 'status'>,
  at: Date,
): SecondPersonRule {
  const state: SecondPersonRule['state'] =
    exception.status !== 'requested'
      ? { open: false, reason: 'the exception is already approved' }
      : exception.expires_at <= at
        ? { open: false, reason: 'the exception has expired; request a new one' }
        : finding.status === 'fixed'
          ? { open: false, reason: 'the finding is fixed; there is nothing to accept' }
          : { open: true };
  return {
    permission: 'work:verify',
    state,
    doneBy: exception.requested_by_id,
    ownWorkReason: 'an exception cannot be approved by the person who requested it',
    requiredRole: {
      role: 'security',
      reason: 'a risk acceptance is approved by Security: sign in with the security role',
    },
  };
}
