import { can } from '../../platform/auth/policy.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Ability } from '../signatures/second-person-rule.js';
import { commandRefusal } from './work-order-commands.js';
import type { SourceFacts, WorkOrderStatus } from './work-order.schema.js';

interface WorkOrderState {
  label: string;
  status: WorkOrderStatus;
}

/** The refusal a contradicted closeout meets without an override (409 closeout_contradicted). */
export function contradictedCloseout(
  workOrder: WorkOrderState,
  facts: SourceFacts,
  action: 'completed' | 'verified',
): AppError {
  const how =
    action === 'completed'
      ? 'complete it with a signed override and its justification, or wait for a successful run'
      : 'reject it, or have it completed again with a signed override';
  return new AppError(
    'closeout_contradicted',
    `Work order ${workOrder.label} cannot be ${action}: ${facts.contradiction}; ${how}`,
    {
      details: {
        source: facts.source,
        window: facts.window,
        failedRuns: facts.runs.filter((run) => run.status !== 'succeeded').map((run) => run.id),
        openIncidents: facts.openIncidents.map((incident) => incident.id),
      },
    },
  );
}

/** May the caller complete the work order as it stands, without an override? */
export function completeAbility(
  caller: Principal | null,
  workOrder: WorkOrderState,
  facts: SourceFacts | null,
): Ability {
  if (!caller || !can(caller.actor.role, 'work:perform')) return { allowed: false, reason: null };
  const refusal = commandRefusal(workOrder, 'complete');
  if (refusal !== null) return { allowed: false, reason: refusal };
  if (facts?.contradiction)
    return {
      allowed: false,
      reason: `${facts.contradiction}: completing needs a signed override with its justification`,
    };
  return { allowed: true, reason: null };
}

/** May the caller complete it with a signed override of the source's facts? */
export function overrideAbility(
  caller: Principal | null,
  workOrder: WorkOrderState,
  facts: SourceFacts | null,
): Ability {
  if (!caller || !can(caller.actor.role, 'work:perform')) return { allowed: false, reason: null };
  const refusal = commandRefusal(workOrder, 'complete');
  if (refusal !== null) return { allowed: false, reason: refusal };
  if (!facts?.contradiction)
    return {
      allowed: false,
      reason: 'Nothing recorded contradicts this closeout: no override is needed',
    };
  if (caller.via !== 'session')
    return { allowed: false, reason: 'An API token cannot sign: sign in as a person' };
  return { allowed: true, reason: null };
}

/**
 * Whether the current completion was made with a signed override: the history's last `completed`
 * entry has an `overridden` entry of the same instant (written in the same transaction).
 */
export function completedWithOverride(history: { kind: string; at: Date }[]): boolean {
  const completed = history.filter((event) => event.kind === 'completed').at(-1);
  if (!completed) return false;
  return history.some(
    (event) => event.kind === 'overridden' && event.at.getTime() === completed.at.getTime(),
  );
}

/** The verify ability, once the source facts are taken into account. */
export function verifyAbilityWithFacts(
  signing: Ability,
  facts: SourceFacts | null,
  overridden: boolean,
): Ability {
  if (!signing.allowed || !facts?.contradiction || overridden) return signing;
  return {
    allowed: false,
    reason: `${facts.contradiction}, and the closeout was completed without a signed override: reject it`,
  };
}
