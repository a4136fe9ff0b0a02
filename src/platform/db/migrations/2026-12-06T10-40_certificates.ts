import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// The TLS certificate inventory: certificates (from imported PEM files and from probes), the
// endpoints probed, each probe's result, and the renewal occurrence opened for a certificate on
// an asset (and the newer certificate that completed it).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tls_certificates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fingerprint_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_alt_names', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('names_key', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('not_after', 'timestamptz', (c) => c.notNull())
    .addColumn('key_type', 'text', (c) => c.notNull())
    .addColumn('key_size', 'integer')
    .addColumn('is_ca', 'boolean', (c) => c.notNull())
    .addColumn('pem', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    // No foreign key: a row naming a later row of its own table could not be restored in batches
    // (instance-backup loads a table's rows in insertion order).
    .addColumn('superseded_by_id', 'uuid')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tls_certificates_not_after')
    .on('tls_certificates')
    .columns(['not_after', 'id'])
    .execute();
  await db.schema
    .createIndex('tls_certificates_names_key')
    .on('tls_certificates')
    .columns(['names_key', 'not_after'])
    .execute();

  await db.schema
    .createTable('tls_endpoints')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('asset_id', 'uuid', (c) => c.references('assets.id'))
    .addColumn('current_certificate_id', 'uuid', (c) => c.references('tls_certificates.id'))
    .addColumn('last_probed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('tls_endpoints_host_port', ['host', 'port'])
    .execute();

  await db.schema
    .createTable('tls_probes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Orders probes recorded at the same instant (the latest probe of an endpoint wins).
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('endpoint_id', 'uuid', (c) => c.notNull().references('tls_endpoints.id'))
    .addColumn('probed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text')
    .addColumn('cipher', 'text')
    .addColumn('leaf_certificate_id', 'uuid', (c) => c.references('tls_certificates.id'))
    .addColumn('chain_certificate_ids', sql`uuid[]`, (c) =>
      c.notNull().defaultTo(sql`'{}'::uuid[]`),
    )
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tls_probes_endpoint')
    .on('tls_probes')
    .columns(['endpoint_id', 'probed_at'])
    .execute();

  await db.schema
    .createTable('tls_certificate_renewals')
    .addColumn('certificate_id', 'uuid', (c) => c.notNull().references('tls_certificates.id'))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id'))
    .addColumn('occurrence_id', 'uuid', (c) => c.notNull().references('occurrences.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('renewed_by_certificate_id', 'uuid', (c) => c.references('tls_certificates.id'))
    .addColumn('renewed_at', 'timestamptz')
    .addPrimaryKeyConstraint('tls_certificate_renewals_pk', ['certificate_id', 'asset_id'])
    .execute();
}
