import type { AppContext } from '../../platform/context.js';
import {
  occurrenceStatusAt,
  type OccurrenceEventKind,
  type OccurrenceStatus,
} from '../occurrences/occurrence-status.js';
import {
  notificationsRepository,
  type OccurrenceWindowFilter,
} from './notifications.repository.js';

/** What a notification says about an occurrence: its control, asset, due time and status. */
export interface OccurrenceSnapshot {
  id: string;
  controlKey: string;
  controlTitle: string;
  assetKey: string;
  ownerRole: string;
  verifierRole: string | null;
  dueAt: Date;
  status: OccurrenceStatus;
}

/** Whether someone still has to act on an occurrence in this status. */
export function isOpen(status: OccurrenceStatus): boolean {
  switch (status) {
    case 'upcoming':
    case 'due':
    case 'in_progress':
    case 'overdue':
    case 'missed':
      return true;
    case 'done':
    case 'verified':
    case 'not_applicable':
      return false;
  }
}

/**
 * Occurrences due in a window with their status at `at`, derived by the occurrences module's own
 * rule (`occurrenceStatusAt`) from the events recorded up to then.
 */
export async function loadOccurrenceSnapshots(
  ctx: Pick<AppContext, 'db'>,
  filter: OccurrenceWindowFilter,
  at: Date,
): Promise<OccurrenceSnapshot[]> {
  const rows = await notificationsRepository.occurrencesDueBetween(ctx.db, filter);
  const events = await notificationsRepository.eventsFor(
    ctx.db,
    rows.map((row) => row.id),
  );
  const eventsByOccurrence = new Map<string, { kind: OccurrenceEventKind; at: Date }[]>();
  for (const event of events) {
    if (event.at > at) continue;
    const list = eventsByOccurrence.get(event.occurrence_id) ?? [];
    list.push({ kind: event.kind as OccurrenceEventKind, at: event.at });
    eventsByOccurrence.set(event.occurrence_id, list);
  }
  return rows.map((row) => {
    const verifierRole = (row.evaluation as { verifierRole?: unknown } | null)?.verifierRole;
    return {
      id: row.id,
      controlKey: row.control_key,
      controlTitle: row.control_title,
      assetKey: row.asset_key,
      ownerRole: row.owner_role,
      verifierRole: typeof verifierRole === 'string' ? verifierRole : null,
      dueAt: row.due_at,
      status: occurrenceStatusAt(
        { opensAt: row.opens_at, dueAt: row.due_at, closesAt: row.closes_at },
        eventsByOccurrence.get(row.id) ?? [],
        at,
      ),
    };
  });
}
