import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import {
  mutateEachOrNone,
  type EachOrNoneReport,
} from '../../platform/audit/mutate-each-or-none.js';
import { applyNonconformanceUpdate, resolveOwnerPerson } from './nonconformance.service.js';
import type { TriageNonconformancesInput } from './nonconformance.schema.js';

/**
 * Triages many nonconformances at once: the same status, owner role, owner person or due date set
 * on each, exactly as `updateNonconformance` sets it on one (the same transitions allowed, one
 * `nonconformance.updated` audit entry each), in one transaction. All or nothing: if any is
 * refused (not found, closed, a move its kind does not allow) none changes, and the answer says
 * which and why. An owner person who is not an active user is a 400 naming `body.ownerUserId`.
 */
export async function triageNonconformances(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: TriageNonconformancesInput,
): Promise<EachOrNoneReport> {
  const { ids, ...changes } = input;
  const owner =
    changes.ownerUserId === undefined
      ? {}
      : await resolveOwnerPerson(ctx, changes.ownerUserId, 'body.ownerUserId');
  return mutateEachOrNone(ctx, actor, ids, (tx, id) =>
    applyNonconformanceUpdate(tx, ctx, id, changes, owner),
  );
}
