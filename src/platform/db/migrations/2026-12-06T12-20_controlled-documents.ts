import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Controlled documents (docs/documents.md) and training records (docs/training.md). A document is
// its key (the front matter's id) and its versions; a version keeps the file as imported, its
// front matter (unknown fields too), its SHA-256, its lifecycle instants and the sign-offs of the
// names it lists. Nothing here is ever deleted: a version is superseded or retired. Training is
// one assignment per person and effective version, its quiz attempts and its signed completion.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('draft', 'in_review', 'approved', 'effective', 'superseded', 'retired')`,
        ),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('reviewers', 'jsonb', (c) => c.notNull())
    .addColumn('approvers', 'jsonb', (c) => c.notNull())
    .addColumn('training', 'jsonb')
    .addColumn('front_matter', 'jsonb', (c) => c.notNull())
    .addColumn('unknown_fields', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'date')
    .addColumn('review_due_on', 'date', (c) => c.notNull())
    .addColumn('quiz', 'jsonb')
    .addColumn('attestation_signature_id', 'uuid')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz')
    .addColumn('effective_at', 'timestamptz')
    .addColumn('superseded_at', 'timestamptz')
    .addColumn('retired_at', 'timestamptz')
    .addUniqueConstraint('document_versions_number_unique', ['document_id', 'version'])
    .execute();
  await sql`create index document_versions_due_idx on document_versions (effective_date) where status = 'approved'`.execute(
    db,
  );

  await db.schema
    .createTable('document_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order things were recorded in, also within one instant.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('version_id', 'uuid', (c) => c.references('document_versions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_events_document_idx')
    .on('document_events')
    .columns(['document_id', 'seq'])
    .execute();

  await db.schema
    .createTable('document_signoffs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('document_versions.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reviewed', 'approved')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('signature_id', 'uuid', (c) => c.notNull())
    .addColumn('signer_id', 'uuid', (c) => c.notNull())
    .addColumn('signer_label', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('document_signoffs_name_unique', ['version_id', 'kind', 'name'])
    .execute();

  await db.schema
    .createTable('document_signer_mappings')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('mapped_by', 'text', (c) => c.notNull())
    .addColumn('mapped_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_signer_mappings_pk', ['name', 'user_id'])
    .execute();

  await db.schema
    .createTable('document_links')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('target_kind', 'text', (c) =>
      c.notNull().check(sql`target_kind in ('requirement', 'control')`),
    )
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_links_pk', ['document_id', 'target_kind', 'target_key'])
    .execute();

  await db.schema
    .createTable('training_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('version_id', 'uuid', (c) => c.notNull().references('document_versions.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('signature_id', 'uuid')
    .addColumn('score', 'integer')
    .addColumn('overdue_notified_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addUniqueConstraint('training_assignments_unique', ['version_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('training_assignments_page_idx')
    .on('training_assignments')
    .columns(['assigned_at', 'id'])
    .execute();
  await sql`create index training_assignments_open_idx on training_assignments (due_at) where completed_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('training_assignments_user_idx')
    .on('training_assignments')
    .columns(['user_id', 'assigned_at'])
    .execute();

  await db.schema
    .createTable('quiz_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('training_assignments.id'))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('quiz_attempts_assignment_idx')
    .on('quiz_attempts')
    .columns(['assignment_id', 'attempted_at'])
    .execute();
}
