import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import {
  formatChangeNumber,
  type ChangeEventKind,
  type ChangeEventView,
  type ListChangeEventsQuery,
} from './change.schema.js';
import { changeRepository, type ChangeEventRow } from './changes.repository.js';

/** Delivery events as views: the change each is linked to and the assets it was mapped to. */
export async function toChangeEventViews(
  ctx: Pick<AppContext, 'db'>,
  rows: ChangeEventRow[],
): Promise<ChangeEventView[]> {
  const [changes, assets] = await Promise.all([
    changeRepository.changeNumbers(
      ctx.db,
      rows.flatMap((row) => (row.change_id ? [row.change_id] : [])),
    ),
    changeRepository.assetKeysOf(ctx.db, [...new Set(rows.flatMap((row) => row.asset_ids))]),
  ]);
  const numberById = new Map(changes.map((change) => [change.id, change.number]));
  const keyById = new Map(assets.map((asset) => [asset.id, asset.key]));
  return rows.map((row) => {
    const number = row.change_id ? numberById.get(row.change_id) : undefined;
    return {
      id: row.id,
      deliveryId: row.delivery_id,
      kind: row.kind as ChangeEventKind,
      repository: row.repository,
      environment: row.environment,
      state: row.state,
      reference: row.reference,
      summary: row.summary,
      occurredAt: row.occurred_at.toISOString(),
      change:
        row.change_id && number !== undefined
          ? { id: row.change_id, number: formatChangeNumber(number) }
          : null,
      assets: row.asset_ids.flatMap((id) => keyById.get(id) ?? []).sort(),
      production: row.production,
      flagged: row.flagged,
      flagReason: row.flag_reason,
      receivedAt: row.received_at.toISOString(),
    };
  });
}

const cursorKey = z.tuple([cursorInstant, z.uuid()]);

/** Delivery events, newest received first; `flagged=true` for unapproved production deployments. */
export async function listChangeEvents(
  ctx: Pick<AppContext, 'db'>,
  query: ListChangeEventsQuery,
): Promise<Page<ChangeEventView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await changeRepository.eventPage(ctx.db, {
    flagged: query.flagged,
    after: after && { receivedAt: after[0], id: after[1] },
    limit: query.limit,
  });
  const page = pageFromRows(
    rows,
    query.limit,
    (row) => [row.received_at.toISOString(), row.id],
    (row) => row,
  );
  return { items: await toChangeEventViews(ctx, page.items), nextCursor: page.nextCursor };
}
