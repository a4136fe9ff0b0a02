import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Monitoring alerts and incidents (docs/incidents.md). A webhook delivery is kept byte for byte as
// it was received (evidence), once per body; the alerts it carries are one record per
// (source, fingerprint, startsAt), firing then resolved. Incidents carry their affected assets,
// a timeline, the conformity decision and its signature; the on-call rota is a record per person
// and stretch of time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('alert_count', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('alert_deliveries_body_unique', ['format', 'body_sha256'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('firing', 'resolved')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('labels', 'jsonb', (c) => c.notNull())
    .addColumn('annotations', 'jsonb', (c) => c.notNull())
    .addColumn('generator_url', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id').onDelete('restrict'))
    .addColumn('mapped_by', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('first_delivery_id', 'uuid', (c) => c.notNull().references('alert_deliveries.id'))
    .addColumn('last_delivery_id', 'uuid', (c) => c.notNull().references('alert_deliveries.id'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('alerts_identity_unique', ['source', 'fingerprint', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('alerts_received_idx')
    .on('alerts')
    .columns(['received_at', 'id'])
    .execute();
  await sql`create index alerts_unmapped_idx on alerts (received_at, id) where asset_id is null`.execute(
    db,
  );

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull())
    .addColumn('detection_source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('responders', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('post_incident_review', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision_occurrence_id', 'uuid', (c) => c.references('occurrences.id'))
    .addColumn('decision', 'text')
    .addColumn('decision_rationale', 'text')
    .addColumn('decision_signature_id', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('nonconformance_id', 'uuid', (c) => c.references('nonconformances.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('mitigated_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // One incident per alert or backup incident it was opened from, however often that is asked.
  await sql`create unique index incidents_source_unique on incidents (detection_source, source_id) where source_id is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('incidents_opened_idx')
    .on('incidents')
    .columns(['opened_at', 'id'])
    .execute();

  await db.schema
    .createTable('incident_assets')
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incidents.id'))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('incident_assets_pk', ['incident_id', 'asset_id'])
    .execute();

  await db.schema
    .createTable('incident_timeline')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Order of recording, for entries of the same instant.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_timeline_incident_idx')
    .on('incident_timeline')
    .columns(['incident_id', 'at'])
    .execute();

  await db.schema
    .createTable('on_call_shifts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('on_call_shifts_month_idx')
    .on('on_call_shifts')
    .columns(['month', 'starts_at'])
    .execute();
}
