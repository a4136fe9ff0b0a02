import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import {
  cursorInstant,
  decodeCursor,
  MAX_PAGE_LIMIT,
  pageFromRows,
  readAllPages,
  type Page,
} from '../../platform/http/paging.js';
import {
  occurrenceRepository,
  type OccurrenceFilter,
  type OccurrenceListRow,
} from './occurrence.repository.js';
import type { AssigneeFilter, ListOccurrencesQuery, OccurrenceView } from './occurrence.schema.js';
import type { OccurrenceEventKind } from './occurrence-status.js';

/** An occurrence's place in the list: (dueAt, controlKey, assetKey, id). */
const occurrenceKey = z.tuple([cursorInstant, z.string(), z.string(), z.uuid()]);

/** A listed row as the API shows it, with the events the list query read beside it. */
function viewOf(row: OccurrenceListRow): OccurrenceView {
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
    assignee:
      row.assignee_id === null
        ? null
        : { id: row.assignee_id, name: row.assignee_name!, email: row.assignee_email! },
    status: row.status,
    events: row.events.map((event) => ({
      kind: event.kind as OccurrenceEventKind,
      at: new Date(event.at).toISOString(),
      actorLabel: event.actor_label,
      note: event.note,
      signatureId: event.signature_id,
    })),
  };
}

/** The person an actor is, when it is one (a token acts with a role, not as a person). */
export function personIdOf(actor: Actor): string | null {
  return actor.type === 'user' ? actor.id : null;
}

/** An `assignee` filter as the repositories take it: `me` is the caller, who must be a person. */
export function assigneeFilterOf(
  value: AssigneeFilter,
  actor: Actor | undefined,
): { id: string | null } | undefined {
  if (value === undefined) return undefined;
  if (value === 'nobody') return { id: null };
  if (value !== 'me') return { id: value };
  const personId = actor ? personIdOf(actor) : null;
  if (personId === null)
    throw new AppError('validation_failed', 'assignee=me names a signed-in person', {
      issues: [
        { path: 'querystring.assignee', message: 'me is a signed-in person; a token is not one' },
      ],
    });
  return { id: personId };
}

/** The query's filters as the repository takes them. */
function filterOf(
  query: Partial<ListOccurrencesQuery>,
  actor?: Actor,
): Omit<OccurrenceFilter, 'limit'> {
  return {
    assignee: assigneeFilterOf(query.assignee, actor),
    mine: query.mine && actor ? { role: actor.role, personId: personIdOf(actor) } : undefined,
    controlKey: query.control,
    assetKey: query.asset,
    ownerRole: query.ownerRole,
    dueFrom: query.dueFrom ? new Date(query.dueFrom) : undefined,
    dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
    statuses: query.status,
  };
}

/**
 * A page of occurrences by control, asset, owner role, due date and status, each with the status
 * it had at `at` (default now), in due order: the "my work" list. Statuses come from the stored
 * per-occurrence state (from the events where an instant before their last change is asked for),
 * and every filter, an engaged auditor's period (`within`, on the due date) included, is applied
 * in the query, so a page is never a filtered remainder.
 */
export async function listOccurrencePage(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: Partial<ListOccurrencesQuery> & Pick<ListOccurrencesQuery, 'limit'>,
  within?: EngagementPeriod,
  actor?: Actor,
): Promise<Page<OccurrenceView>> {
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, occurrenceKey);
  const rows = await occurrenceRepository.list(ctx.db, at, {
    ...filterOf(query, actor),
    within,
    after: after && {
      dueAt: after[0],
      controlKey: after[1],
      assetKey: after[2],
      id: after[3],
    },
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.due_at.toISOString(), row.control_key, row.asset_key, row.id],
    viewOf,
  );
}

/**
 * Every occurrence the filter selects, in due order, read page after page: for the use cases
 * (backup evaluation, nonconformances, recovery, the demo) that act on all of them.
 */
export async function listOccurrences(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  filter: Omit<Partial<ListOccurrencesQuery>, 'cursor' | 'limit'>,
): Promise<OccurrenceView[]> {
  const at = filter.at ?? ctx.clock.now().toISOString();
  return readAllPages((cursor) =>
    listOccurrencePage(ctx, { ...filter, at, limit: MAX_PAGE_LIMIT, cursor }),
  );
}

/**
 * The occurrences named (a table's selection), in due order, each with its status now; an engaged
 * auditor's period (`within`, on the due date) is applied in the query, as the list's is.
 */
export async function listOccurrencesByIds(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  ids: readonly string[],
  within?: EngagementPeriod,
): Promise<OccurrenceView[]> {
  const rows = await occurrenceRepository.list(ctx.db, ctx.clock.now(), {
    ids: [...ids],
    within,
    limit: ids.length,
  });
  return rows.map(viewOf);
}

export async function getOccurrence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  id: string,
  at?: Date,
): Promise<OccurrenceView> {
  const instant = at ?? ctx.clock.now();
  const [row] = await occurrenceRepository.list(ctx.db, instant, { ids: [id], limit: 1 });
  if (!row) throw notFound('Occurrence');
  return viewOf(row);
}
