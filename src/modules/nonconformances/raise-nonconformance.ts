import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import {
  formatNonconformanceNumber,
  type NonconformanceView,
  type RaiseNonconformanceInput,
} from './nonconformance.schema.js';
import { resolveOwnerPerson, toNonconformanceView } from './nonconformance.service.js';

/**
 * Raises a nonconformance by hand (`POST /api/v1/nonconformances`): a finding of an audit, a
 * complaint, anything no automatic source saw. It is its own source (`manual`) and follows the
 * missed-work lifecycle (open ⇄ investigating → closed); a CAPA may be linked to it.
 */
export async function raiseNonconformance(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: RaiseNonconformanceInput,
): Promise<NonconformanceView> {
  const owner = await resolveOwnerPerson(ctx, input.ownerUserId ?? null, 'body.ownerUserId');
  return mutate(ctx, actor, async (tx) => {
    const row = await nonconformanceRepository.insertManual(tx.trx, {
      sourceId: randomUUID(),
      title: input.title,
      description: input.description,
      requirementNotMet: input.requirementNotMet,
      containment: input.containment,
      disposition: input.disposition,
      impactAssessment: input.impactAssessment,
      ownerRole: input.owner,
      ownerUserId: owner.owner_user_id,
      ownerUserLabel: owner.owner_user_label,
      dueOn: input.dueOn,
      raisedBy: actor.label,
      now: tx.now,
    });
    const view = toNonconformanceView(row, ctx);
    await tx.audit({
      action: 'nonconformance.raised',
      entityType: 'nonconformance',
      entityId: row.id,
      after: { ...view, number: formatNonconformanceNumber(row.number) },
    });
    return view;
  });
}
