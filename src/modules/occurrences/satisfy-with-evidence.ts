import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { notFound } from '../../platform/errors.js';
import { appendOccurrenceEvents } from './record-occurrence-event.js';
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
  const [satisfied] = await satisfyOccurrencesWithEvidence(tx, [{ occurrenceId, ...details }]);
  return satisfied ?? null;
}

/** Occurrences settled per statement when many facts arrive at once (a scan fixing findings). */
const BULK_CHUNK = 500;

/**
 * satisfyOccurrenceWithEvidence for many occurrences at once, with a few statements per 500
 * instead of several per occurrence: locks them (in id order, so two bulk calls cannot
 * deadlock), reads their events, and records `completed` then `verified` with the fact's instant
 * for each that is still satisfiable and whose window holds its fact. Answers, in the order
 * given, the satisfied ones and null for the others.
 */
export async function satisfyOccurrencesWithEvidence(
  tx: AuditedTransaction,
  items: readonly { occurrenceId: string; instant: Date; note: string }[],
): Promise<(SatisfiedByEvidence | null)[]> {
  const answers: (SatisfiedByEvidence | null)[] = [];
  for (let start = 0; start < items.length; start += BULK_CHUNK) {
    answers.push(...(await satisfyChunk(tx, items.slice(start, start + BULK_CHUNK))));
  }
  return answers;
}

async function satisfyChunk(
  tx: AuditedTransaction,
  items: readonly { occurrenceId: string; instant: Date; note: string }[],
): Promise<(SatisfiedByEvidence | null)[]> {
  const ids = [...new Set(items.map((item) => item.occurrenceId))];
  const locked = new Map(
    (await occurrenceRepository.lockMany(tx.trx, ids)).map((row) => [row.id, row]),
  );
  const eventsOf = new Map<string, { kind: OccurrenceEventKind; at: Date }[]>();
  for (const event of await occurrenceRepository.eventsFor(tx.trx, ids)) {
    eventsOf.set(event.occurrence_id, [
      ...(eventsOf.get(event.occurrence_id) ?? []),
      { kind: event.kind as OccurrenceEventKind, at: event.at },
    ]);
  }
  const settled = new Set<string>();
  const plans = items.map((item) => {
    const occurrence = locked.get(item.occurrenceId);
    if (!occurrence) throw notFound('Occurrence');
    if (settled.has(item.occurrenceId)) return null;
    if (item.instant < occurrence.opens_at || item.instant >= occurrence.closes_at) return null;
    const window = {
      opensAt: occurrence.opens_at,
      dueAt: occurrence.due_at,
      closesAt: occurrence.closes_at,
    };
    const events = eventsOf.get(item.occurrenceId) ?? [];
    const statusBefore = occurrenceStatusAt(window, events, tx.now);
    if (!SATISFIABLE_BY_EVIDENCE.includes(statusBefore)) return null;
    settled.add(item.occurrenceId);
    const statusCompleted = occurrenceStatusAt(
      window,
      [...events, { kind: 'completed', at: tx.now }],
      tx.now,
    );
    return { item, occurrence, statusBefore, statusCompleted };
  });
  const chosen = plans.filter((plan) => plan !== null);
  for (const [kind, statusOf] of [
    ['completed', (plan: (typeof chosen)[number]) => plan.statusBefore],
    ['verified', (plan: (typeof chosen)[number]) => plan.statusCompleted],
  ] as const) {
    // One statement per kind: each occurrence's state takes `completed` before `verified`.
    await appendOccurrenceEvents(
      tx,
      kind,
      chosen.map((plan) => ({
        occurrenceId: plan.item.occurrenceId,
        statusBefore: statusOf(plan),
        note: plan.item.note,
        evidencedAt: plan.item.instant,
      })),
    );
  }
  const keys = await occurrenceRepository.keysOfMany(
    tx.trx,
    chosen.map((plan) => plan.item.occurrenceId),
  );
  await tx.auditMany(
    chosen
      .filter((plan) => plan.statusBefore === 'missed')
      .map((plan) => ({
        action: 'occurrence.satisfied_late',
        entityType: 'occurrence',
        entityId: plan.item.occurrenceId,
        after: {
          ...keys.get(plan.item.occurrenceId)!,
          evidencedAt: plan.item.instant.toISOString(),
          reason: `Evidence of a fact inside the window arrived after the window closed: ${plan.item.note}`,
        },
      })),
  );
  return plans.map((plan) =>
    plan === null
      ? null
      : {
          occurrenceId: plan.item.occurrenceId,
          ...keys.get(plan.item.occurrenceId)!,
          statusBefore: plan.statusBefore,
          late: tx.now >= plan.occurrence.due_at,
        },
  );
}
