import type { Principal } from '../../platform/http/principal.js';
import {
  abilityOf,
  decideSecondPersonSigning,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';
import type { NonconformanceItem, NonconformanceView } from './nonconformance.schema.js';

/**
 * Who may verify a deficiency's closure: a signed-in person holding `work:verify`, once it is
 * resolved, who did not resolve it. The server enforces this and the nonconformance lists and
 * detail report it as `abilities.verifyClosure`.
 */
export function deficiencyClosureRule(
  nonconformance: Pick<NonconformanceView, 'status' | 'resolvedById'>,
): SecondPersonRule {
  return {
    permission: 'work:verify',
    state:
      nonconformance.status === 'resolved'
        ? { open: true }
        : { open: false, reason: `It is ${nonconformance.status.replace('_', ' ')}, not resolved` },
    doneBy: nonconformance.resolvedById,
    ownWorkReason: 'a deficiency cannot be verified closed by its own resolver',
  };
}

/** The view with what this caller may do with it. */
export function withAbilities(
  caller: Principal | null,
  view: NonconformanceView,
): NonconformanceItem {
  return {
    ...view,
    abilities: {
      verifyClosure: abilityOf(decideSecondPersonSigning(caller, deficiencyClosureRule(view))),
    },
  };
}
