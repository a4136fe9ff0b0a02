import { z } from 'zod';

/** The format tag of a checkpoint; a verifier refuses a checkpoint of a format it does not know. */
export const AUDIT_CHECKPOINT_FORMAT = 'plumbline-audit-checkpoint/v1';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** What a checkpoint's signature covers (as canonical JSON, RFC 8785). */
export const auditCheckpointClaimSchema = z.object({
  format: z.literal(AUDIT_CHECKPOINT_FORMAT),
  seq: z
    .string()
    .regex(/^[1-9][0-9]{0,18}$/, 'must be a positive integer')
    .describe('Sequence number of the newest audit event when the checkpoint was taken'),
  hash: sha256Hex.describe('Hash of that event: the head of the chain'),
  at: z.string().datetime().describe('When the checkpoint was taken (UTC)'),
  keyFingerprint: sha256Hex.describe('SHA-256 of the DER (SPKI) public key that signed it'),
});
export type AuditCheckpointClaim = z.infer<typeof auditCheckpointClaimSchema>;

/**
 * A signed head of the audit chain. Kept outside the table it protects: in its own table, in a
 * file in the data directory, and in every evidence pack's manifest, so removing the newest
 * events cannot go unnoticed by whoever holds a copy.
 */
export const auditCheckpointSchema = auditCheckpointClaimSchema.extend({
  signature: z
    .string()
    .regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 Ed25519 signature')
    .describe('Ed25519 over the canonical JSON of the other fields, base64'),
});
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;
