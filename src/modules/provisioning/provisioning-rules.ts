import type { Ability } from '../signatures/second-person-rule.js';
import type { SecondPersonRule } from '../signatures/second-person-rule.js';
import { can, type Permission } from '../../platform/auth/policy.js';
import type { Principal } from '../../platform/http/principal.js';

/** Who may approve a provisioning request: a person other than its requester. */
export function approvalRule(request: {
  status: string;
  requested_by_id: string;
}): SecondPersonRule {
  return {
    permission: 'work:verify',
    state:
      request.status === 'requested'
        ? { open: true }
        : { open: false, reason: `the request is already ${request.status}` },
    doneBy: request.requested_by_id,
    ownWorkReason: 'a provisioning request cannot be approved by its requester',
  };
}

/** Who may verify acceptance criteria: a person other than the one who provisioned the asset. */
export function criterionVerificationRule(request: {
  status: string;
  implemented_by_id: string | null;
}): SecondPersonRule {
  return {
    permission: 'work:verify',
    state:
      request.status === 'provisioning'
        ? { open: true }
        : {
            open: false,
            reason:
              request.status === 'verified'
                ? 'every acceptance criterion is verified'
                : 'provisioning has not started: criteria are verified against what was built',
          },
    doneBy: request.implemented_by_id,
    ownWorkReason:
      'an acceptance criterion cannot be verified by the person who provisioned the asset',
  };
}

/** An ability that needs only a permission and a state (no signature). */
export function plainAbility(
  principal: Principal | null,
  permission: Permission,
  state: { open: true } | { open: false; reason: string },
): Ability {
  if (!principal || !can(principal.actor.role, permission)) return { allowed: false, reason: null };
  return state.open ? { allowed: true, reason: null } : { allowed: false, reason: state.reason };
}
