import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  ALLOWED_EVENTS,
  occurrenceStatusAt,
  type OccurrenceEventKind,
  type OccurrenceStatus,
} from './occurrence-status.js';
import { occurrenceRepository } from './occurrence.repository.js';

/**
 * Locks an occurrence for the rest of the transaction, so commands on it are decided one after the
 * other; returns its window and ownership.
 */
export async function lockOccurrence(tx: Pick<AuditedTransaction, 'trx'>, occurrenceId: string) {
  const occurrence = await occurrenceRepository.findForUpdate(tx.trx, occurrenceId);
  if (!occurrence) throw notFound('Occurrence');
  return occurrence;
}

/**
 * The only way to append an occurrence event (work orders, and modules that record automatic
 * work). Refuses it unless the occurrence's status at this instant allows it (ALLOWED_EVENTS),
 * then appends it and audits it in the caller's transaction (occurrence_state follows the event
 * by a database trigger). `evidencedAt` is when the fact an automatic source reports happened,
 * which may be long before now (late evidence, satisfy-with-evidence.ts). The occurrence row is locked first, so two commands on one occurrence
 * are decided in turn and the second sees the first.
 */
export async function recordOccurrenceEvent(
  tx: AuditedTransaction,
  occurrenceId: string,
  kind: OccurrenceEventKind,
  details: { note?: string; signatureId?: string; evidencedAt?: Date } = {},
) {
  const occurrence = await lockOccurrence(tx, occurrenceId);
  const events = await occurrenceRepository.events(tx.trx, occurrenceId);
  const status = occurrenceStatusAt(
    { opensAt: occurrence.opens_at, dueAt: occurrence.due_at, closesAt: occurrence.closes_at },
    events.map((event) => ({ kind: event.kind as OccurrenceEventKind, at: event.at })),
    tx.now,
  );
  const allowed = ALLOWED_EVENTS[status];
  if (!allowed.includes(kind)) {
    throw new AppError(
      'conflict',
      `The occurrence is ${status.replace('_', ' ')}: it cannot be ${kind.replace('_', ' ')} now` +
        (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ' (it is closed)'),
      { details: { status, allowed } },
    );
  }
  // The insert also brings occurrence_state up to date (a trigger, in the same statement).
  await occurrenceRepository.appendEvents(tx.trx, [
    {
      occurrenceId,
      kind,
      at: tx.now,
      actorId: tx.actor.id,
      actorLabel: tx.actor.label,
      note: details.note ?? '',
      signatureId: details.signatureId ?? null,
      evidencedAt: details.evidencedAt ?? null,
    },
  ]);
  await tx.audit({
    action: `occurrence.${kind}`,
    entityType: 'occurrence',
    entityId: occurrenceId,
    after: {
      statusBefore: status,
      note: details.note ?? '',
      signatureId: details.signatureId,
      evidencedAt: details.evidencedAt?.toISOString(),
    },
  });
  return occurrence;
}

/**
 * Appends one event of a kind to many occurrences in one statement, for bulk settlement that has
 * already locked them and checked, from their events, that the kind is allowed
 * (`statusBefore`); audits each like recordOccurrenceEvent.
 */
export async function appendOccurrenceEvents(
  tx: AuditedTransaction,
  kind: OccurrenceEventKind,
  events: readonly {
    occurrenceId: string;
    statusBefore: OccurrenceStatus;
    note: string;
    evidencedAt: Date | null;
  }[],
): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) {
    if (!ALLOWED_EVENTS[event.statusBefore].includes(kind)) {
      throw new Error(`appendOccurrenceEvents: ${kind} is not allowed when ${event.statusBefore}`);
    }
  }
  await occurrenceRepository.appendEvents(
    tx.trx,
    events.map((event) => ({
      occurrenceId: event.occurrenceId,
      kind,
      at: tx.now,
      actorId: tx.actor.id,
      actorLabel: tx.actor.label,
      note: event.note,
      signatureId: null,
      evidencedAt: event.evidencedAt,
    })),
  );
  await tx.auditMany(
    events.map((event) => ({
      action: `occurrence.${kind}`,
      entityType: 'occurrence',
      entityId: event.occurrenceId,
      after: {
        statusBefore: event.statusBefore,
        note: event.note,
        signatureId: undefined,
        evidencedAt: event.evidencedAt?.toISOString(),
      },
    })),
  );
}
