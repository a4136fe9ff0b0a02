import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import {
  mutateEachOrNone,
  type EachOrNoneReport,
} from '../../platform/audit/mutate-each-or-none.js';
import { recordNotApplicable } from './mark-not-applicable.js';

/**
 * Marks many occurrences not applicable with one justification, all or nothing: each is checked
 * and written as `markNotApplicable` does (one `occurrence.not_applicable` audit entry each) in
 * one transaction; if any is refused (not found, no longer open, named twice) none is written and
 * the answer says which and why.
 */
export async function markManyNotApplicable(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  request: { occurrenceIds: readonly string[]; justification: string },
): Promise<EachOrNoneReport> {
  return mutateEachOrNone(ctx, actor, request.occurrenceIds, (tx, occurrenceId) =>
    recordNotApplicable(tx, occurrenceId, request.justification),
  );
}
