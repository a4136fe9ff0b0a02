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
 * for `asset` whose period holds `instant` is completed and verified by the transaction's actor,
 * with a note naming the evidence, whenever the evidence arrives. The events are recorded now
 * (`at`, so posture and reports as of an earlier instant keep their answer) and carry the
 * instant of the fact (`evidenced_at`), so the effectiveness report shows a late fact as
 * satisfied by late evidence instead of missed. Null when no occurrence covers the instant or it
 * is already finished (verified, done or not applicable): evidence recorded twice records nothing
 * twice. Runs inside the caller's transaction; the occurrence is locked first.
 */
export async function satisfyOccurrenceWithEvidence(
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
  const occurrence = await lockOccurrence(tx, covering.id);
  const events = await occurrenceRepository.events(tx.trx, covering.id);
  const statusBefore = occurrenceStatusAt(
    { opensAt: occurrence.opens_at, dueAt: occurrence.due_at, closesAt: occurrence.closes_at },
    events.map((event) => ({ kind: event.kind as OccurrenceEventKind, at: event.at })),
    tx.now,
  );
  if (!SATISFIABLE_BY_EVIDENCE.includes(statusBefore)) return null;
  const evidence = { note: details.note, evidencedAt: query.instant };
  await recordOccurrenceEvent(tx, covering.id, 'completed', evidence);
  await recordOccurrenceEvent(tx, covering.id, 'verified', evidence);
  const late = tx.now >= occurrence.due_at;
  if (statusBefore === 'missed') {
    await tx.audit({
      action: 'occurrence.satisfied_late',
      entityType: 'occurrence',
      entityId: covering.id,
      after: {
        controlKey: covering.control_key,
        assetKey: covering.asset_key,
        periodKey: covering.period_key,
        evidencedAt: query.instant.toISOString(),
        reason: `Evidence of a fact inside the window arrived after the window closed: ${details.note}`,
      },
    });
  }
  return {
    occurrenceId: covering.id,
    controlKey: covering.control_key,
    assetKey: covering.asset_key,
    periodKey: covering.period_key,
    statusBefore,
    late,
  };
}
