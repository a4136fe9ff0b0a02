import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import type { OccurrenceView } from '../occurrences/occurrence.schema.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';

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
  await mutate(ctx, actor, (tx) =>
    recordOccurrenceEvent(tx, occurrenceId, 'not_applicable', { note: justification }),
  );
  return getOccurrence(ctx, occurrenceId);
}
