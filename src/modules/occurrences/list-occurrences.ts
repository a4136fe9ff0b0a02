import type { AppContext } from '../../app/context.js';
import { notFound } from '../../platform/errors.js';
import { occurrenceRepository, type OccurrenceFilter } from './occurrence.repository.js';
import type { ListOccurrencesQuery, OccurrenceView } from './occurrence.schema.js';
import { occurrenceStatusAt, type OccurrenceEventKind } from './occurrence-status.js';

const EVENT_CHUNK = 1000;

/** Occurrences with their events and their status at `at` (events after `at` are not shown). */
async function loadViews(
  ctx: Pick<AppContext, 'db'>,
  filter: OccurrenceFilter,
  at: Date,
): Promise<OccurrenceView[]> {
  const rows = await occurrenceRepository.list(ctx.db, { ...filter, existingAt: at });
  const events = [];
  for (let index = 0; index < rows.length; index += EVENT_CHUNK) {
    events.push(
      ...(await occurrenceRepository.eventsFor(
        ctx.db,
        rows.slice(index, index + EVENT_CHUNK).map((row) => row.id),
      )),
    );
  }
  const eventsByOccurrence = new Map<string, typeof events>();
  for (const event of events) {
    if (event.at > at) continue;
    eventsByOccurrence.set(event.occurrence_id, [
      ...(eventsByOccurrence.get(event.occurrence_id) ?? []),
      event,
    ]);
  }
  return rows.map((row) => {
    const own = eventsByOccurrence.get(row.id) ?? [];
    const window = { opensAt: row.opens_at, dueAt: row.due_at, closesAt: row.closes_at };
    return {
      id: row.id,
      controlKey: row.control_key,
      controlTitle: row.control_title,
      periodKey: row.period_key,
      assetKey: row.asset_key,
      opensAt: row.opens_at.toISOString(),
      dueAt: row.due_at.toISOString(),
      closesAt: row.closes_at.toISOString(),
      critical: row.critical,
      ownerRole: row.owner_role,
      status: occurrenceStatusAt(
        window,
        own.map((e) => ({ kind: e.kind as OccurrenceEventKind, at: e.at })),
        at,
      ),
      events: own.map((e) => ({
        kind: e.kind as OccurrenceEventKind,
        at: e.at.toISOString(),
        actorLabel: e.actor_label,
        note: e.note,
        signatureId: e.signature_id,
      })),
    };
  });
}

/**
 * Occurrences by control, asset, owner role and due date, with the status each had at `at`
 * (default now): the "my work" list, and the raw material of posture and reports.
 */
export async function listOccurrences(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ListOccurrencesQuery,
): Promise<OccurrenceView[]> {
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const views = await loadViews(
    ctx,
    {
      controlKey: query.control,
      assetKey: query.asset,
      ownerRole: query.ownerRole,
      dueFrom: query.dueFrom ? new Date(query.dueFrom) : undefined,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
      limit: query.status ? 50_000 : query.limit,
    },
    at,
  );
  const wanted = query.status;
  return (wanted ? views.filter((view) => wanted.includes(view.status)) : views).slice(
    0,
    query.limit,
  );
}

export async function getOccurrence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  id: string,
  at?: Date,
): Promise<OccurrenceView> {
  const [view] = await loadViews(ctx, { ids: [id], limit: 1 }, at ?? ctx.clock.now());
  if (!view) throw notFound('Occurrence');
  return view;
}
