import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { signatureRepository } from './signature.repository.js';

/** One electronic signature as any record shows it. */
export interface SignatureView {
  id: string;
  signerId: string;
  signerLabel: string;
  signerRole: string;
  meaning: string;
  method: string;
  note: string;
  recordSha256: string;
  signedAt: Date;
}

/** The signatures over one record (entity type and id), oldest first. */
export async function listSignatures(
  ctx: { db: Kysely<Database> },
  entityType: string,
  entityId: string,
): Promise<SignatureView[]> {
  const rows = await signatureRepository.listFor(ctx.db, entityType, entityId);
  return rows.map((row) => ({
    id: row.id,
    signerId: row.signer_id,
    signerLabel: row.signer_label,
    signerRole: row.signer_role,
    meaning: row.meaning,
    method: row.method,
    note: row.reason,
    recordSha256: row.record_sha256,
    signedAt: row.signed_at,
  }));
}
