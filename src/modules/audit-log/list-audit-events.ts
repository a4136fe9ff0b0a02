import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import type { AuditEventRow } from '../../platform/db/schema.js';
import type { AuditEventView, ListAuditEventsQuery } from './audit-log.schema.js';

/** Newest first; filter by entity, action or actor; page with `beforeSeq`. */
export async function listAuditEvents(
  ctx: Pick<AppContext, 'db'>,
  query: ListAuditEventsQuery,
): Promise<{ items: AuditEventView[]; nextBeforeSeq: string | null }> {
  let select = ctx.db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (query.entityType) select = select.where('entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('entity_id', '=', query.entityId);
  if (query.action) select = select.where('action', '=', query.action);
  if (query.actor) select = select.where('actor_label', '=', query.actor);
  if (query.beforeSeq) select = select.where('seq', '<', String(query.beforeSeq));
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toAuditEventView),
    nextBeforeSeq: rows.length > query.limit ? (page[page.length - 1]?.seq ?? null) : null,
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
  return rows.map(toAuditEventView);
}

function toAuditEventView(row: AuditEventRow): AuditEventView {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    hash: row.hash,
  };
}
