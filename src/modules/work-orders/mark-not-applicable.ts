import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import type { OccurrenceView } from '../occurrences/occurrence.schema.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';

/**
 * The step itself, in the caller's transaction: the `not_applicable` event with its justification
 * (refused with 404 / 409 unless the occurrence exists and is still open), audited.
 */
export async function recordNotApplicable(
  tx: AuditedTransaction,
  occurrenceId: string,
  justification: string,
): Promise<void> {
  await recordOccurrenceEvent(tx, occurrenceId, 'not_applicable', { note: justification });
}

/**
 * Records that an occurrence does not apply (the asset was out of service all period, say), with
 * the justification an auditor will read. Only while the occurrence is still open.
 */
export async function markNotApplicable(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  occurrenceId: string,
  justification: string,
): Promise<OccurrenceView> {
  await mutate(ctx, actor, (tx) => recordNotApplicable(tx, occurrenceId, justification));
  return getOccurrence(ctx, occurrenceId);
}
