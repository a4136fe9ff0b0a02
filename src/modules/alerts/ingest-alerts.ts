import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { openIncidentIn, prepareIncidentOpening } from '../incidents/open-incident.js';
import { decideAlert, DEFAULT_ASSET_LABELS, mayOpenIncident } from './alert-rules.js';
import type { AlertFormat, ImportAlertsResult } from './alert.schema.js';
import { alertRepository, type NewAlertRow } from './alerts.repository.js';
import { createAlertAssetMapper } from './map-alert-assets.js';
import { recordMonitoringEvidence } from './record-monitoring-evidence.js';
import { parseAlertWebhook, type ReceivedAlert } from './parse-alert-webhook.js';

export interface IngestAlertsOptions {
  format: AlertFormat;
  /** Label names that map an alert to an asset, in order (default asset, instance, job). */
  assetLabels?: readonly string[] | undefined;
}

const keyOf = (fingerprint: string, startsAt: Date) => `${fingerprint}@${startsAt.getTime()}`;

/** The last notification of each alert in the body (a body never repeats one, but may). */
function latestPerAlert(alerts: ReceivedAlert[]): ReceivedAlert[] {
  const byKey = new Map<string, ReceivedAlert>();
  for (const alert of alerts) byKey.set(keyOf(alert.fingerprint, alert.startsAt), alert);
  return [...byKey.values()];
}

/**
 * Records a monitoring tool's webhook body: the body itself as received (once per exact body, so
 * a re-delivered webhook stores nothing twice), then one alert record per (fingerprint, startsAt),
 * firing and later resolved, mapped to an asset by its labels. A new firing alert that a rule
 * (alert-rules.ts) says opens an incident opens it in the same transaction, which starts its
 * conformity-decision clock. A malformed body stores nothing. One audit entry per delivery.
 */
export async function ingestAlerts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  body: string,
  options: IngestAlertsOptions,
): Promise<ImportAlertsResult> {
  const received = parseAlertWebhook(options.format, body);
  const result = await storeAlertDelivery(ctx, actor, body, options, received);
  // Repeated deliveries count too: a watchdog alert keeps its fingerprint and start for months.
  await recordMonitoringEvidence(ctx, actor, {
    source: options.format,
    fingerprints: [...new Set(received.map((alert) => alert.fingerprint))],
  });
  return result;
}

async function storeAlertDelivery(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  body: string,
  options: IngestAlertsOptions,
  received: ReturnType<typeof parseAlertWebhook>,
): Promise<ImportAlertsResult> {
  const { format } = options;
  const sha256 = createHash('sha256').update(body).digest('hex');
  const nothingNew = (deliveryId: string): ImportAlertsResult => ({
    format,
    deliveryId,
    received: received.length,
    created: 0,
    resolved: 0,
    alreadyRecorded: received.length,
    unmapped: 0,
    incidentsOpened: [],
  });
  const seen = await alertRepository.findDelivery(ctx.db, format, sha256);
  if (seen) return nothingNew(seen.id);
  const mapper = createAlertAssetMapper(options.assetLabels ?? DEFAULT_ASSET_LABELS);
  const alerts = latestPerAlert(received);
  const opening = alerts.some((alert) => mayOpenIncident(alert.labels.severity ?? null))
    ? await prepareIncidentOpening(ctx)
    : null;

  return mutate(ctx, actor, async (tx) => {
    // Lost a race with the same body delivered at the same moment: the other one recorded it.
    const raced = await alertRepository.findDelivery(tx.trx, format, sha256);
    if (raced) return nothingNew(raced.id);
    const deliveryId = await alertRepository.insertDelivery(tx.trx, {
      format,
      sha256,
      body,
      alertCount: received.length,
      at: tx.now,
      by: actor.label,
    });
    const meta = { deliveryId, at: tx.now };
    const stored = await alertRepository.existing(tx.trx, format, [
      ...new Set(alerts.map((alert) => alert.fingerprint)),
    ]);
    const storedByKey = new Map(stored.map((row) => [keyOf(row.fingerprint, row.starts_at), row]));

    const fresh = alerts.filter(
      (alert) => !storedByKey.has(keyOf(alert.fingerprint, alert.startsAt)),
    );
    const nowResolved = alerts.flatMap((alert) => {
      const row = storedByKey.get(keyOf(alert.fingerprint, alert.startsAt));
      return row && row.status === 'firing' && alert.status === 'resolved'
        ? [{ id: row.id, endsAt: alert.endsAt }]
        : [];
    });

    const mappings = await mapper.map(tx.trx, fresh);
    const rows: NewAlertRow[] = fresh.map((alert, index) => {
      const { asset, mappedBy } = mappings[index]!;
      const severity = alert.labels.severity ?? null;
      const decision = decideAlert({ severity, asset });
      return {
        source: format,
        fingerprint: alert.fingerprint,
        startsAt: alert.startsAt,
        endsAt: alert.endsAt,
        status: alert.status,
        name: alert.labels.alertname ?? '',
        severity,
        labels: alert.labels,
        annotations: alert.annotations,
        generatorUrl: alert.generatorUrl,
        assetId: asset?.id ?? null,
        mappedBy,
        rule: decision.rule,
        action: decision.action,
      };
    });
    const inserted = await alertRepository.insertMany(tx.trx, rows, meta);
    await alertRepository.markResolved(tx.trx, nowResolved, meta);

    const insertedKeys = new Map(
      inserted.map((row) => [keyOf(row.fingerprint, row.starts_at), row.id]),
    );
    const incidentsOpened: string[] = [];
    for (const [index, row] of rows.entries()) {
      const alertId = insertedKeys.get(keyOf(row.fingerprint, row.startsAt));
      if (
        alertId === undefined ||
        opening === null ||
        row.action !== 'open-incident' ||
        row.status !== 'firing'
      )
        continue;
      const { asset } = mappings[index]!;
      const decision = decideAlert({ severity: row.severity, asset });
      const summary = row.annotations.summary ?? row.name;
      const where = asset ? ` on ${asset.key}` : '';
      const { incident, created } = await openIncidentIn(tx, opening, {
        title: `${row.name || 'Alert'}${where}: ${summary}`.slice(0, 300),
        severity: decision.incidentSeverity ?? 'major',
        detectedAt: row.startsAt,
        detectionSource: 'alert',
        sourceId: alertId,
        assetIds: row.assetId === null ? [] : [row.assetId],
        responders: [],
        note: `Opened by rule ${row.rule} from ${format} alert ${row.fingerprint}`,
      });
      if (created) incidentsOpened.push(incident.id);
    }

    const result: ImportAlertsResult = {
      format,
      deliveryId,
      received: received.length,
      created: inserted.length,
      resolved: nowResolved.length,
      alreadyRecorded: received.length - inserted.length - nowResolved.length,
      unmapped: rows.filter(
        (row) => row.assetId === null && insertedKeys.has(keyOf(row.fingerprint, row.startsAt)),
      ).length,
      incidentsOpened,
    };
    await tx.audit({
      action: 'alerts.received',
      entityType: 'alert_delivery',
      entityId: deliveryId,
      after: { ...result, sha256 },
    });
    return result;
  });
}
