import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  ALLOWED_EVENTS,
  occurrenceStatusAt,
  type OccurrenceEventKind,
} from '../occurrences/occurrence-status.js';
import { occurrenceWorkRepository } from './work-order.repository.js';

/**
 * Appends an event to an occurrence if its status at this instant allows it (ALLOWED_EVENTS), and
 * audits it. The occurrence row is locked first, so two commands on one occurrence are decided in
 * turn and the second sees the first's event.
 */
export async function appendOccurrenceEvent(
  tx: AuditedTransaction,
  occurrenceId: string,
  kind: OccurrenceEventKind,
  details: { note?: string; signatureId?: string } = {},
) {
  const occurrence = await occurrenceWorkRepository.findForUpdate(tx.trx, occurrenceId);
  if (!occurrence) throw notFound('Occurrence');
  const events = await occurrenceWorkRepository.events(tx.trx, occurrenceId);
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
  await occurrenceWorkRepository.appendEvent(tx.trx, {
    occurrenceId,
    kind,
    at: tx.now,
    actorId: tx.actor.id,
    actorLabel: tx.actor.label,
    note: details.note ?? '',
    signatureId: details.signatureId ?? null,
  });
  await tx.audit({
    action: `occurrence.${kind}`,
    entityType: 'occurrence',
    entityId: occurrenceId,
    after: { statusBefore: status, note: details.note ?? '', signatureId: details.signatureId },
  });
  return occurrence;
}
