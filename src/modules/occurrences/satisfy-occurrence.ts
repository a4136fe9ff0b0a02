import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { ALLOWED_EVENTS } from './occurrence-status.js';
import { recordOccurrenceEvent } from './record-occurrence-event.js';

export interface SatisfiedOccurrence {
  occurrenceId: string;
  controlKey: string;
  periodKey: string;
  /** False when it was already finished (verified, done or not applicable) and left as it was. */
  recorded: boolean;
}

/**
 * Records an occurrence as completed and verified by a record elsewhere (a verified restore test or
 * DR exercise, a deficiency closed by signature, a closed inventory review), with a note naming
 * that record. An occurrence already finished is left alone. Runs inside the transaction that
 * settles the record, as its actor.
 */
export async function satisfyOccurrence(
  tx: AuditedTransaction,
  occurrence: { id: string; controlKey: string; periodKey: string; status: string },
  details: { note: string; signatureId?: string },
): Promise<SatisfiedOccurrence> {
  const base = {
    occurrenceId: occurrence.id,
    controlKey: occurrence.controlKey,
    periodKey: occurrence.periodKey,
  };
  if (!ALLOWED_EVENTS[occurrence.status as keyof typeof ALLOWED_EVENTS].includes('completed')) {
    return { ...base, recorded: false };
  }
  await recordOccurrenceEvent(tx, occurrence.id, 'completed', { note: details.note });
  await recordOccurrenceEvent(tx, occurrence.id, 'verified', details);
  return { ...base, recorded: true };
}
