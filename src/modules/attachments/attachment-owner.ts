import type { Kysely, Transaction } from 'kysely';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * What a record type tells the attach use case: its name in evidence_attachments, whether a file
 * may be attached now, and what happens to the record when one is. A record type that takes
 * evidence files defines one owner (docs: ARCHITECTURE.md "Adding a record type").
 */
export interface AttachmentOwner {
  /** The record_type of its rows: lower-case letters, digits and dashes (`work-order`). */
  recordType: string;
  /** Throws (not found, conflict) when no file may be attached now; read before the upload is stored. */
  check(db: Kysely<Database>, recordId: string): Promise<void>;
  /**
   * In the attaching transaction: locks the record, checks again, and returns the occurrence the
   * file supports (null when the record has none).
   */
  lock(tx: AuditedTransaction, recordId: string): Promise<{ occurrenceId: string | null }>;
  /** In the same transaction, after the row is written: the record's own history, status… */
  afterAttach?(
    tx: AuditedTransaction,
    recordId: string,
    file: { filename: string; sha256: string },
  ): Promise<void>;
}

/**
 * The owner of a record type that takes files until it is final and whose files support no
 * occurrence of its own (the record's signature satisfies it): the record is read to check and
 * locked to attach, and `refuse` judges it the same way both times (not found, final).
 */
export function ownerUntilFinal<Row>(options: {
  recordType: string;
  read(db: Kysely<Database>, recordId: string): Promise<Row | undefined>;
  readForUpdate(trx: Transaction<Database>, recordId: string): Promise<Row | undefined>;
  refuse(row: Row | undefined): void;
}): AttachmentOwner {
  return {
    recordType: options.recordType,
    async check(db, recordId) {
      options.refuse(await options.read(db, recordId));
    },
    async lock(tx, recordId) {
      options.refuse(await options.readForUpdate(tx.trx, recordId));
      return { occurrenceId: null };
    },
  };
}
