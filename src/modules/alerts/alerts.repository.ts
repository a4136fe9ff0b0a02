import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { AlertAction, AlertFormat, AlertStatus } from './alert.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface AssetForAlerts {
  id: string;
  key: string;
  environment: string;
  criticality: string;
  tags: string[];
}

export interface NewAlertRow {
  source: AlertFormat;
  fingerprint: string;
  startsAt: Date;
  endsAt: Date | null;
  status: AlertStatus;
  name: string;
  severity: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorUrl: string;
  assetId: string | null;
  mappedBy: string | null;
  rule: string;
  action: AlertAction;
}

const INSERT_CHUNK = 500;

const alertColumns = [
  'alerts.id',
  'alerts.source',
  'alerts.fingerprint',
  'alerts.starts_at',
  'alerts.ends_at',
  'alerts.status',
  'alerts.name',
  'alerts.severity',
  'alerts.labels',
  'alerts.annotations',
  'alerts.generator_url',
  'alerts.asset_id',
  'alerts.mapped_by',
  'alerts.rule',
  'alerts.action',
  'alerts.first_delivery_id',
  'alerts.last_delivery_id',
  'alerts.received_at',
  'alerts.updated_at',
] as const;

/** SQL of the alerts module: webhook deliveries and the alerts they carry. */
export const alertRepository = {
  findDelivery: (db: Db, format: AlertFormat, sha256: string) =>
    db
      .selectFrom('alert_deliveries')
      .select(['id', 'alert_count'])
      .where('format', '=', format)
      .where('body_sha256', '=', sha256)
      .executeTakeFirst(),

  insertDelivery: async (
    db: Db,
    values: {
      format: AlertFormat;
      sha256: string;
      body: string;
      alertCount: number;
      at: Date;
      by: string;
    },
  ): Promise<string> => {
    const row = await db
      .insertInto('alert_deliveries')
      .values({
        format: values.format,
        body_sha256: values.sha256,
        body: values.body,
        alert_count: values.alertCount,
        received_at: values.at,
        received_by: values.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  getDelivery: (db: Db, id: string) =>
    db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Assets whose key is one of these. */
  assetsByKeys: (db: Db, keys: string[]): Promise<AssetForAlerts[]> =>
    keys.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('assets')
          .select(['id', 'key', 'environment', 'criticality', 'tags'])
          .where('key', 'in', keys)
          .execute(),

  /** Assets carrying any of these tags. */
  assetsByTags: (db: Db, tags: string[]): Promise<AssetForAlerts[]> =>
    tags.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('assets')
          .select(['id', 'key', 'environment', 'criticality', 'tags'])
          .where(sql<boolean>`assets.tags && ${sql.val(tags)}::text[]`)
          .execute(),

  /** Alerts of this source already recorded under these fingerprints (any start). */
  existing: (db: Db, source: AlertFormat, fingerprints: string[]) =>
    fingerprints.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('alerts')
          .select(['id', 'fingerprint', 'starts_at', 'status', 'ends_at'])
          .where('source', '=', source)
          .where('fingerprint', 'in', fingerprints)
          .execute(),

  /** The assets (by key) the stored alerts of these fingerprints are mapped to. */
  assetKeysOf: (db: Db, source: AlertFormat, fingerprints: string[]) =>
    fingerprints.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('alerts')
          .innerJoin('assets', 'assets.id', 'alerts.asset_id')
          .select('assets.key')
          .distinct()
          .where('alerts.source', '=', source)
          .where('alerts.fingerprint', 'in', fingerprints)
          .execute(),

  /** Inserts the alerts; one already there (a concurrent delivery) is skipped. Returns what was inserted. */
  insertMany: async (
    db: Db,
    rows: NewAlertRow[],
    meta: { deliveryId: string; at: Date },
  ): Promise<{ id: string; fingerprint: string; starts_at: Date }[]> => {
    const inserted: { id: string; fingerprint: string; starts_at: Date }[] = [];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      inserted.push(
        ...(await db
          .insertInto('alerts')
          .values(
            chunk.map((row) => ({
              source: row.source,
              fingerprint: row.fingerprint,
              starts_at: row.startsAt,
              ends_at: row.endsAt,
              status: row.status,
              name: row.name,
              severity: row.severity,
              labels: JSON.stringify(row.labels),
              annotations: JSON.stringify(row.annotations),
              generator_url: row.generatorUrl,
              asset_id: row.assetId,
              mapped_by: row.mappedBy,
              rule: row.rule,
              action: row.action,
              first_delivery_id: meta.deliveryId,
              last_delivery_id: meta.deliveryId,
              received_at: meta.at,
              updated_at: meta.at,
            })),
          )
          .onConflict((oc) => oc.columns(['source', 'fingerprint', 'starts_at']).doNothing())
          .returning(['id', 'fingerprint', 'starts_at'])
          .execute()),
      );
    }
    return inserted;
  },

  /** Marks these alerts resolved, in one statement per 1,000. */
  markResolved: async (
    db: Db,
    resolved: { id: string; endsAt: Date | null }[],
    meta: { deliveryId: string; at: Date },
  ): Promise<void> => {
    for (let start = 0; start < resolved.length; start += 1000) {
      const chunk = resolved.slice(start, start + 1000);
      const ids = chunk.map((alert) => alert.id);
      const ends = chunk.map((alert) => (alert.endsAt ?? meta.at).toISOString());
      await sql`
        update alerts
           set status = 'resolved', ends_at = resolved.ends_at,
               last_delivery_id = ${meta.deliveryId}, updated_at = ${meta.at}
          from (select unnest(${sql.val(ids)}::uuid[]) as id,
                       unnest(${sql.val(ends)}::timestamptz[]) as ends_at) as resolved
         where alerts.id = resolved.id`.execute(db);
    }
  },

  /** A page of alerts, newest received first, with the asset key and the incident opened. */
  page: (
    db: Db,
    filter: {
      unmapped?: boolean | undefined;
      status?: AlertStatus | undefined;
      assetKey?: string | undefined;
      after?: { receivedAt: Date; id: string } | undefined;
      limit: number;
    },
  ) => {
    let query = selectAlertViews(db);
    if (filter.unmapped === true) query = query.where('alerts.asset_id', 'is', null);
    if (filter.unmapped === false) query = query.where('alerts.asset_id', 'is not', null);
    if (filter.status) query = query.where('alerts.status', '=', filter.status);
    if (filter.assetKey !== undefined) query = query.where('assets.key', '=', filter.assetKey);
    if (filter.after) {
      const after = filter.after;
      query = query.where((eb) =>
        eb(
          eb.refTuple('alerts.received_at', 'alerts.id'),
          '<',
          eb.tuple(after.receivedAt, after.id),
        ),
      );
    }
    return query
      .orderBy('alerts.received_at', 'desc')
      .orderBy('alerts.id', 'desc')
      .limit(filter.limit + 1)
      .execute();
  },

  getView: (db: Db, id: string) =>
    selectAlertViews(db).where('alerts.id', '=', id).executeTakeFirst(),

  /** Alerts by id, as the incidents module reads them when it opens incidents. */
  byIds: (db: Db, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : selectAlertViews(db).where('alerts.id', 'in', ids).execute(),
};

function selectAlertViews(db: Db) {
  return db
    .selectFrom('alerts')
    .leftJoin('assets', 'assets.id', 'alerts.asset_id')
    .leftJoin('incidents', (join) =>
      join
        .on('incidents.detection_source', '=', 'alert')
        .on(sql<boolean>`incidents.source_id = alerts.id::text`),
    )
    .select([...alertColumns, 'assets.key as asset_key', 'incidents.id as incident_id']);
}

export type AlertViewRow = Awaited<ReturnType<typeof alertRepository.getView>> & object;
