import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What one electronic signature records (21 CFR 11.50 manifestation; 11.70 record linking). */
export interface SignatureValues {
  entityType: string;
  entityId: string;
  signerId: string;
  signerLabel: string;
  signerRole: string;
  meaning: string;
  method: string;
  reason: string;
  recordSha256: string;
  now: Date;
}

/** The `signatures` table: this repository alone writes it, and reads it for every module. */
export const signatureRepository = {
  insert: (trx: Transaction<Database>, values: SignatureValues) =>
    trx
      .insertInto('signatures')
      .values({
        entity_type: values.entityType,
        entity_id: values.entityId,
        signer_id: values.signerId,
        signer_label: values.signerLabel,
        signer_role: values.signerRole,
        meaning: values.meaning,
        method: values.method,
        reason: values.reason,
        record_sha256: values.recordSha256,
        signed_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  /** The signatures over one record, oldest first. */
  listFor: (db: Db, entityType: string, entityId: string) =>
    db
      .selectFrom('signatures')
      .selectAll()
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('signed_at')
      .orderBy('id')
      .execute(),
};
