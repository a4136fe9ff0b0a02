import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type {
  AlertDeliveryView,
  AlertFormat,
  AlertStatus,
  AlertAction,
  AlertView,
  ListAlertsQuery,
} from './alert.schema.js';
import { alertRepository, type AlertViewRow } from './alerts.repository.js';

const cursorKey = z.tuple([cursorInstant, z.uuid()]);

function toAlertView(row: AlertViewRow): AlertView {
  return {
    id: row.id,
    source: row.source as AlertFormat,
    fingerprint: row.fingerprint,
    name: row.name,
    severity: row.severity,
    status: row.status as AlertStatus,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at?.toISOString() ?? null,
    labels: row.labels,
    annotations: row.annotations,
    generatorUrl: row.generator_url,
    assetKey: row.asset_key,
    mappedBy: row.mapped_by,
    rule: row.rule,
    action: row.action as AlertAction,
    incidentId: row.incident_id,
    firstDeliveryId: row.first_delivery_id,
    lastDeliveryId: row.last_delivery_id,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Alerts, newest received first, a page at a time; `unmapped=true` lists those no asset took. */
export async function listAlerts(
  ctx: Pick<AppContext, 'db'>,
  query: ListAlertsQuery,
): Promise<Page<AlertView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await alertRepository.page(ctx.db, {
    unmapped: query.unmapped,
    status: query.status,
    assetKey: query.asset,
    after: after && { receivedAt: after[0], id: after[1] },
    limit: query.limit,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.received_at.toISOString(), row.id],
    toAlertView,
  );
}

export async function getAlert(ctx: Pick<AppContext, 'db'>, id: string): Promise<AlertView> {
  const row = await alertRepository.getView(ctx.db, id);
  if (!row) throw notFound('Alert');
  return toAlertView(row);
}

/** A stored webhook body, exactly as it was received. */
export async function getAlertDelivery(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<AlertDeliveryView> {
  const row = await alertRepository.getDelivery(ctx.db, id);
  if (!row) throw notFound('Alert delivery');
  return {
    id: row.id,
    format: row.format as AlertFormat,
    sha256: row.body_sha256,
    alertCount: row.alert_count,
    receivedAt: row.received_at.toISOString(),
    receivedBy: row.received_by,
    body: row.body,
  };
}
