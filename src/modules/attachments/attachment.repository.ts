import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EvidenceAttachmentsTable } from '../../platform/db/schema.js';
import type { AttachmentView } from './attachment.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type AttachmentRow = Selectable<EvidenceAttachmentsTable>;

/**
 * The one writer of evidence_attachments. Rows are only ever inserted: a file attached to a
 * record stays attached (the record's signature covers it), and is never changed or deleted.
 */
export const attachmentRepository = {
  listFor: (db: Db, recordType: string, recordId: string) =>
    db
      .selectFrom('evidence_attachments')
      .selectAll()
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute(),
  find: (db: Db, id: string) =>
    db.selectFrom('evidence_attachments').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (
    trx: Transaction<Database>,
    values: {
      recordType: string;
      recordId: string;
      occurrenceId: string | null;
      sha256: string;
      sizeBytes: number;
      contentType: string;
      filename: string;
      storageKey: string;
      uploadedBy: string;
      now: Date;
    },
  ) =>
    trx
      .insertInto('evidence_attachments')
      .values({
        record_type: values.recordType,
        record_id: values.recordId,
        occurrence_id: values.occurrenceId,
        sha256: values.sha256,
        size_bytes: values.sizeBytes,
        content_type: values.contentType,
        filename: values.filename,
        storage_key: values.storageKey,
        uploaded_by: values.uploadedBy,
        uploaded_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
};

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
