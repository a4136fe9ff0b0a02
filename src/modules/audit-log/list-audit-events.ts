import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, pageFromRows, type Page } from '../../platform/http/paging.js';
import type { AuditEventRow } from '../../platform/db/schema.js';
import type { AuditEventView, ListAuditEventsQuery } from './audit-log.schema.js';

/** An event's place in the trail: its sequence number (digits), newest first. */
const eventKey = z.tuple([z.string().regex(/^\d{1,19}$/)]);

/**
 * A page of audit events, newest first; filter by entity, action or actor; page with `cursor`
 * (or, for older clients, `beforeSeq`).
 */
export async function listAuditEvents(
  ctx: Pick<AppContext, 'db'>,
  query: ListAuditEventsQuery,
): Promise<Page<AuditEventView> & { nextBeforeSeq: string | null }> {
  const before =
    query.cursor !== undefined
      ? decodeCursor(query.cursor, eventKey)[0]
      : query.beforeSeq === undefined
        ? undefined
        : String(query.beforeSeq);
  let select = ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (query.entityType) select = select.where('entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('entity_id', '=', query.entityId);
  if (query.action) select = select.where('action', '=', query.action);
  if (query.actor) select = select.where('actor_label', '=', query.actor);
  if (before !== undefined) select = select.where('seq', '<', before);
  const rows = await select.execute();
  const names = await actorNames(ctx, rows);
  const page = pageFromRows(
    rows,
    query.limit,
    (row) => [row.seq],
    (row) => toAuditEventView(row, names),
  );
  return {
    ...page,
    nextBeforeSeq: page.nextCursor === null ? null : (rows[query.limit - 1]?.seq ?? null),
  };
}

/** Instants [start, end) a history is limited to. */
export interface HistoryWindow {
  start: Date;
  end: Date;
}

/**
 * The history of one record: its own events plus events of records that name it in a field,
 * e.g. for an asset the matrix rows whose `assetKey` is the asset's key. Newest first; only the
 * events recorded within `window` when one is given (in the query, so the limit counts those).
 */
export async function listEntityHistory(
  ctx: Pick<AppContext, 'db'>,
  entity: { entityType: string; entityId: string },
  mentionedBy: { entityType: string; field: string; value: string }[],
  options: { window?: HistoryWindow | null; limit?: number } = {},
): Promise<AuditEventView[]> {
  let query = ctx.db.selectFrom('audit_events').selectAll();
  if (options.window) {
    query = query
      .where('occurred_at', '>=', options.window.start)
      .where('occurred_at', '<', options.window.end);
  }
  const rows = await query
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', entity.entityType), eb('entity_id', '=', entity.entityId)]),
        ...mentionedBy.map((mention) =>
          eb.and([
            eb('entity_type', '=', mention.entityType),
            eb.or([
              eb(sql<string>`after ->> ${mention.field}`, '=', mention.value),
              eb(sql<string>`before ->> ${mention.field}`, '=', mention.value),
            ]),
          ]),
        ),
      ]),
    )
    .orderBy('seq', 'desc')
    .limit(options.limit ?? 500)
    .execute();
  const names = await actorNames(ctx, rows);
  return rows.map((row) => toAuditEventView(row, names));
}

/**
 * The display names of the people who acted in these events, by user id: the trail records an
 * e-mail (what identified them then, and part of the hash chain), a reader wants the name.
 */
async function actorNames(
  ctx: Pick<AppContext, 'db'>,
  rows: readonly AuditEventRow[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      rows.flatMap((row) => (row.actor_type === 'user' && row.actor_id ? [row.actor_id] : [])),
    ),
  ];
  if (ids.length === 0) return new Map();
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(users.map((user) => [user.id, user.name]));
}

function toAuditEventView(row: AuditEventRow, names: ReadonlyMap<string, string>): AuditEventView {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    actorName: row.actor_id === null ? null : (names.get(row.actor_id) ?? null),
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}
