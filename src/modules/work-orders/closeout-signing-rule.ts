import type { AppContext } from '../../platform/context.js';
import type { SecondPersonRule } from '../signatures/second-person-rule.js';
import { controlOfWorkOrder } from './control-of-work-order.js';
import { commandRefusal } from './work-order-commands.js';
import type { SignatureMeaning, WorkOrderStatus } from './work-order.schema.js';

/**
 * Who may sign a closeout: a person (not a token) holding `work:verify`, while it awaits
 * verification, who did not perform it, holding the control's verifier role when it names one.
 * The server enforces this and the work order's `abilities` report it.
 */
export function closeoutSigningRule(
  workOrder: { label: string; status: WorkOrderStatus; performerId: string | null },
  verifierRole: string | undefined,
  meaning: SignatureMeaning,
): SecondPersonRule {
  const verb = meaning === 'verified' ? 'verified' : 'rejected';
  const refusal = commandRefusal(workOrder, meaning === 'verified' ? 'verify' : 'reject');
  return {
    permission: 'work:verify',
    state: refusal === null ? { open: true } : { open: false, reason: refusal },
    doneBy: workOrder.performerId,
    ownWorkReason: `a closeout cannot be ${verb} by its own performer`,
    requiredRole: verifierRole
      ? {
          role: verifierRole,
          reason: `This control's closeout must be ${verb} by someone with the ${verifierRole} role`,
        }
      : undefined,
  };
}

/** The verifier role a work order's control names, if any. */
export async function verifierRoleOf(
  ctx: Pick<AppContext, 'db'>,
  workOrderId: string,
): Promise<string | undefined> {
  const control = await controlOfWorkOrder(ctx, workOrderId);
  return control?.evaluation.mode === 'manual' ? control.evaluation.verifierRole : undefined;
}
