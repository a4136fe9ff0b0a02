import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { attachmentRepository, toAttachmentView } from './attachment.repository.js';
import type { AttachmentView } from './attachment.schema.js';

/** The evidence files of one record, oldest first. */
export async function listAttachments(
  db: Kysely<Database> | Transaction<Database>,
  recordType: string,
  recordId: string,
): Promise<AttachmentView[]> {
  const rows = await attachmentRepository.listFor(db, recordType, recordId);
  return rows.map(toAttachmentView);
}
