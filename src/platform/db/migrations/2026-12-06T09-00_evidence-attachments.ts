import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// One table for every evidence file, keyed by the record it belongs to (record type, record id):
// work-order files (until now evidence_files) and restore-test / DR-exercise files (until now
// recovery_evidence_files) move into it with their ids, hashes, storage keys, names, uploaders and
// times unchanged, so audit entries and downloads keep pointing at the same files. occurrence_id
// stays the occurrence a file supports (the posture's evidence count reads it); recovery files had
// none and keep none. A row that names no record would stop the migration rather than be lost.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table evidence_files rename to evidence_attachments`.execute(db);
  await sql`alter index evidence_files_occurrence_idx rename to evidence_attachments_occurrence_idx`.execute(
    db,
  );
  await sql`alter trigger evidence_files_state on evidence_attachments rename to evidence_attachments_state`.execute(
    db,
  );
  await sql`alter table evidence_attachments add column record_type text`.execute(db);
  await sql`alter table evidence_attachments add column record_id uuid`.execute(db);
  await sql`
    update evidence_attachments set
      record_type = case when work_order_id is not null then 'work-order' else 'occurrence' end,
      record_id = coalesce(work_order_id, occurrence_id)`.execute(db);
  await sql`
    insert into evidence_attachments (id, record_type, record_id, occurrence_id, sha256, size_bytes,
      content_type, filename, storage_key, uploaded_by, uploaded_at)
    select id, record_type, record_id, null, sha256, size_bytes, content_type, filename,
      storage_key, uploaded_by, uploaded_at
    from recovery_evidence_files`.execute(db);
  await sql`alter table evidence_attachments alter column record_type set not null`.execute(db);
  await sql`alter table evidence_attachments alter column record_id set not null`.execute(db);
  await sql`
    alter table evidence_attachments add constraint evidence_attachments_record_type_check
    check (record_type ~ '^[a-z][a-z0-9-]{0,62}$')`.execute(db);
  await sql`alter table evidence_attachments drop column work_order_id`.execute(db);
  await db.schema.dropTable('recovery_evidence_files').execute();
  await db.schema
    .createIndex('evidence_attachments_record_idx')
    .on('evidence_attachments')
    .columns(['record_type', 'record_id', 'uploaded_at', 'id'])
    .execute();
  await db.schema
    .createIndex('evidence_attachments_uploaded_idx')
    .on('evidence_attachments')
    .columns(['uploaded_at', 'id'])
    .execute();
}
