import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Supplier oversight: reviews of a supplier's assurance report or certificate (with the
// complementary user-entity controls checked one by one and a signed decision), the supplier's
// timeline (service reports, incidents, renewed certificates, signed reviews), and the renewal
// occurrence opened for a certification of the register before it expires.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supplier_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('supplier_id', 'uuid', (c) => c.notNull().references('suppliers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_kind', 'text', (c) => c.notNull())
    .addColumn('report_title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date')
    .addColumn('period_to', 'date')
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('exceptions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bridge_letter_through', 'date')
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision', 'text')
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_review_due', 'date')
    .addColumn('signature_id', 'uuid', (c) => c.references('signatures.id'))
    .addColumn('signed_at', 'timestamptz')
    .addColumn('signed_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supplier_reviews_created')
    .on('supplier_reviews')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('supplier_reviews_supplier')
    .on('supplier_reviews')
    .columns(['supplier_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('supplier_review_cuecs')
    .addColumn('review_id', 'uuid', (c) => c.notNull().references('supplier_reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('in_place', 'boolean')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('checked_by', 'text')
    .addColumn('checked_at', 'timestamptz')
    .addPrimaryKeyConstraint('supplier_review_cuecs_pk', ['review_id', 'position'])
    .execute();

  await db.schema
    .createTable('supplier_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('supplier_id', 'uuid', (c) => c.notNull().references('suppliers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('incident_id', 'uuid', (c) => c.references('incidents.id'))
    .addColumn('review_id', 'uuid', (c) => c.references('supplier_reviews.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supplier_events_supplier')
    .on('supplier_events')
    .columns(['supplier_id', 'at', 'id'])
    .execute();

  await db.schema
    .createTable('supplier_certificate_renewals')
    .addColumn('supplier_id', 'uuid', (c) => c.notNull().references('suppliers.id'))
    .addColumn('certification', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'date', (c) => c.notNull())
    .addColumn('occurrence_id', 'uuid', (c) => c.notNull().references('occurrences.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('renewed_expires_on', 'date')
    .addColumn('renewed_at', 'timestamptz')
    .addPrimaryKeyConstraint('supplier_certificate_renewals_pk', [
      'supplier_id',
      'certification',
      'expires_on',
      'occurrence_id',
    ])
    .execute();
}
