import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type RecoveryRecordType = 'restore-test' | 'dr-exercise';

/** Evidence files of restore tests and DR exercises; rows are never changed or deleted. */
export const recoveryEvidenceRepository = {
  listFor: (db: Db, recordType: RecoveryRecordType, recordId: string) =>
    db
      .selectFrom('recovery_evidence_files')
      .selectAll()
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute(),
  find: (db: Db, id: string) =>
    db.selectFrom('recovery_evidence_files').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: (
    trx: Transaction<Database>,
    values: {
      recordType: RecoveryRecordType;
      recordId: string;
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
      .insertInto('recovery_evidence_files')
      .values({
        record_type: values.recordType,
        record_id: values.recordId,
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

export type RecoveryEvidenceRow = NonNullable<
  Awaited<ReturnType<typeof recoveryEvidenceRepository.find>>
>;
