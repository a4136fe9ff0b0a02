import { z } from 'zod';
import { can, type Permission } from '../../platform/auth/policy.js';
import type { AppErrorCode } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';

/** What a detail response tells its caller about one action: may they, and if not, why. */
export const abilitySchema = z.object({
  allowed: z.boolean(),
  reason: z
    .string()
    .nullable()
    .describe('Why not, in words a person can act on; null when allowed or ruled out by the role'),
});
export type Ability = z.infer<typeof abilitySchema>;

/** The rule every second-person signature follows (closeouts, recovery records, closures). */
export interface SecondPersonRule {
  /** The permission the signing route requires. */
  permission: Permission;
  /** Whether the record is in a state that can be signed now, and why not. */
  state: { open: true } | { open: false; reason: string };
  /**
   * The person who did the work being signed (a user id), who may not sign it; or the people, when
   * several did it (a CAPA's action owners).
   */
  doneBy: string | readonly string[] | null;
  /** The refusal when the signer is that person, e.g. "a closeout cannot be verified by its own performer". */
  ownWorkReason: string;
  /** A role the signer must hold, when the control names one, and the refusal otherwise. */
  requiredRole?: { role: string; reason: string } | undefined;
}

export type SigningDecision =
  { allowed: true } | { allowed: false; code: AppErrorCode; reason: string; byRole: boolean };

/**
 * Decides whether this caller may sign under the rule. The server enforces the decision and
 * detail views report it (`abilities`), so the web UI never re-implements a server rule.
 */
export function decideSecondPersonSigning(
  principal: Principal | null,
  rule: SecondPersonRule,
): SigningDecision {
  if (!principal) {
    return { allowed: false, code: 'unauthenticated', reason: 'Sign in to sign', byRole: true };
  }
  if (!can(principal.actor.role, rule.permission)) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: `The ${principal.actor.role} role does not allow signing this`,
      byRole: true,
    };
  }
  if (principal.via !== 'session') {
    return {
      allowed: false,
      code: 'forbidden',
      reason: 'An API token cannot sign: sign in as a person',
      byRole: false,
    };
  }
  if (!rule.state.open) {
    return { allowed: false, code: 'conflict', reason: rule.state.reason, byRole: false };
  }
  const doers =
    rule.doneBy === null ? [] : typeof rule.doneBy === 'string' ? [rule.doneBy] : rule.doneBy;
  if (doers.includes(principal.userId)) {
    return { allowed: false, code: 'conflict', reason: rule.ownWorkReason, byRole: false };
  }
  if (rule.requiredRole && principal.actor.role !== rule.requiredRole.role) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: rule.requiredRole.reason,
      byRole: false,
    };
  }
  return { allowed: true };
}

/** The decision as a detail response shows it. A role that may never sign gets no reason. */
export function abilityOf(decision: SigningDecision): Ability {
  if (decision.allowed) return { allowed: true, reason: null };
  return { allowed: false, reason: decision.byRole ? null : decision.reason };
}
