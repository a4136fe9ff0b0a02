import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// The periodic review of an effective document (docs/documents.md): the review occurrences opened
// 30 days before a version's review date (which occurrence answers which version and date, and
// what met it), and the signed "reviewed, no change" reviews that set the next review date.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_review_occurrences')
    .addColumn('occurrence_id', 'uuid', (c) => c.primaryKey().references('occurrences.id'))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('document_versions.id'))
    .addColumn('review_due_on', 'date', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('met_at', 'timestamptz')
    .addColumn('met_by', 'text', (c) => c.check(sql`met_by in ('new-version', 'reviewed')`))
    .execute();
  await db.schema
    .createIndex('document_review_occurrences_version_idx')
    .on('document_review_occurrences')
    .columns(['version_id', 'review_due_on'])
    .execute();

  await db.schema
    .createTable('document_periodic_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('document_versions.id'))
    .addColumn('review_due_on', 'date', (c) => c.notNull())
    .addColumn('next_review_due_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signature_id', 'uuid', (c) => c.notNull())
    .addColumn('signer_label', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_periodic_reviews_document_idx')
    .on('document_periodic_reviews')
    .columns(['document_id', 'reviewed_at'])
    .execute();
}
