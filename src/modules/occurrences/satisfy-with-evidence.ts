import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { lockOccurrence, recordOccurrenceEvent } from './record-occurrence-event.js';
import { occurrenceRepository } from './occurrence.repository.js';
import {
  occurrenceStatusAt,
  type OccurrenceEventKind,
  type OccurrenceStatus,
} from './occurrence-status.js';

/**
 * Statuses in which a fact reported by an automatic source still satisfies its occurrence: every
 * unfinished one, missed included. A fact that happened inside the window is evidence that the
 * control operated, however late it reaches Plumbline (a backup run imported a month later).
 */
export const SATISFIABLE_BY_EVIDENCE: readonly OccurrenceStatus[] = [
  'upcoming',
  'due',
  'in_progress',
  'overdue',
  'missed',
];

export interface SatisfiedByEvidence {
  occurrenceId: string;
  controlKey: string;
  assetKey: string;
  periodKey: string;
  /** Its status when the evidence arrived; `missed` means the evidence came after it closed. */
  statusBefore: OccurrenceStatus;
  /** The evidence arrived after the deadline (docs/occurrences.md "Late evidence"). */
  late: boolean;
}

/**
 * "Satisfy the occurrence covering t with evidence of a fact at t": the occurrence of `control`
 * for `asset` whose period holds `instant` is satisfied (satisfyOccurrenceWithEvidence), whenever
 * the evidence arrives. Null when no occurrence covers the instant or it is already finished.
 */
export async function satisfyOccurrenceCovering(
  tx: AuditedTransaction,
  query: { control: string; asset: string | null; instant: Date },
  details: { note: string },
): Promise<SatisfiedByEvidence | null> {
  const covering = await occurrenceRepository.covering(tx.trx, {
    controlKey: query.control,
    assetKey: query.asset ?? '',
    instant: query.instant,
  });
  if (!covering) return null;
  return satisfyOccurrenceWithEvidence(tx, covering.id, {
    instant: query.instant,
    note: details.note,
  });
}

/**
 * Completes and verifies an occurrence, by the transaction's actor with a note naming the
 * evidence, from a fact that happened at `instant` inside its window (before it closed), however
 * late the evidence arrives. The events are recorded now (`at`, so posture and reports as of an
 * earlier instant keep their answer) and carry the instant of the fact (`evidenced_at`), so the
 * effectiveness report shows a late fact as satisfied by late evidence instead of missed, and an
 * occurrence that had been missed gets an `occurrence.satisfied_late` audit entry with the reason.
 * Null when it is already finished (verified, done or not applicable) or the fact lies outside
 * its window: evidence recorded twice records nothing twice. The occurrence is locked first.
 */
export async function satisfyOccurrenceWithEvidence(
  tx: AuditedTransaction,
  occurrenceId: string,
  details: { instant: Date; note: string },
): Promise<SatisfiedByEvidence | null> {
  const occurrence = await lockOccurrence(tx, occurrenceId);
  if (details.instant < occurrence.opens_at || details.instant >= occurrence.closes_at) {
    return null;
  }
  const events = await occurrenceRepository.events(tx.trx, occurrenceId);
  const statusBefore = occurrenceStatusAt(
    { opensAt: occurrence.opens_at, dueAt: occurrence.due_at, closesAt: occurrence.closes_at },
    events.map((event) => ({ kind: event.kind as OccurrenceEventKind, at: event.at })),
    tx.now,
  );
  if (!SATISFIABLE_BY_EVIDENCE.includes(statusBefore)) return null;
  const evidence = { note: details.note, evidencedAt: details.instant };
  await recordOccurrenceEvent(tx, occurrenceId, 'completed', evidence);
  await recordOccurrenceEvent(tx, occurrenceId, 'verified', evidence);
  const keys = await occurrenceRepository.keysOf(tx.trx, occurrenceId);
  if (statusBefore === 'missed') {
    await tx.audit({
      action: 'occurrence.satisfied_late',
      entityType: 'occurrence',
      entityId: occurrenceId,
      after: {
        ...keys,
        evidencedAt: details.instant.toISOString(),
        reason: `Evidence of a fact inside the window arrived after the window closed: ${details.note}`,
      },
    });
  }
  return {
    occurrenceId,
    ...keys,
    statusBefore,
    late: tx.now >= occurrence.due_at,
  };
}
