import type { AppContext } from '../../app/context.js';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import { ALLOWED_EVENTS } from '../occurrences/occurrence-status.js';
import { recordOccurrenceEvent } from '../occurrences/record-occurrence-event.js';

export interface SatisfiedOccurrence {
  occurrenceId: string;
  controlKey: string;
  periodKey: string;
  /** False when it was already finished (verified, done or not applicable) and left as it was. */
  recorded: boolean;
}

/** The occurrence of a cadence control (and asset) whose period contains the instant. */
export async function occurrenceCovering(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  controlKey: string,
  assetKey: string,
  instant: Date,
) {
  const candidates = await listOccurrences(ctx, {
    control: controlKey,
    ...(assetKey ? { asset: assetKey } : {}),
    dueFrom: instant.toISOString(),
    dueBefore: new Date(instant.getTime() + 400 * 86_400_000).toISOString(),
  });
  return candidates.find(
    (candidate) => candidate.assetKey === assetKey && new Date(candidate.opensAt) <= instant,
  );
}

/**
 * Records an occurrence as completed and verified by a signed record elsewhere (a verified restore
 * test or DR exercise, a deficiency closed by signature), with a note naming that record. An
 * occurrence already finished is left alone. Runs inside the signing transaction.
 */
export async function satisfyOccurrence(
  tx: AuditedTransaction,
  occurrence: { id: string; controlKey: string; periodKey: string; status: string },
  details: { note: string; signatureId: string },
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
