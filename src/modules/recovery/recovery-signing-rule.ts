import type { Principal } from '../../platform/http/principal.js';
import {
  abilityOf,
  decideSecondPersonSigning,
  type Ability,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';

/**
 * Who may verify a restore test or DR exercise: a signed-in person holding `work:verify`, while it
 * is not yet verified, who did not perform or record it. The server enforces this and the detail
 * views report it as `abilities.verify`.
 */
export function recoveryVerifyRule(
  record: { status: string; performerId: string | null },
  noun: string,
): SecondPersonRule {
  return {
    permission: 'work:verify',
    state:
      record.status === 'verified'
        ? { open: false, reason: `This ${noun} is already verified` }
        : { open: true },
    doneBy: record.performerId,
    ownWorkReason: `a ${noun} cannot be verified by its own performer`,
  };
}

/** What the caller may do with a recovery record, as its detail view reports it. */
export function recoveryAbilities(
  caller: Principal | null,
  record: { status: string; performerId: string | null },
  noun: string,
): { verify: Ability } {
  return { verify: abilityOf(decideSecondPersonSigning(caller, recoveryVerifyRule(record, noun))) };
}
