import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** The fields of an audit event that its hash covers. */
export interface HashedAuditFields {
  seq: string;
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The first link of the chain points at this value. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the previous hash and the canonical JSON (RFC 8785) of the event. jsonb reorders
 * object keys on storage, so hashing a canonical form is what lets a stored event be re-verified.
 */
export function hashAuditEvent(previousHash: string, fields: HashedAuditFields): string {
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonicalize(fields))
    .digest('hex');
}

/** Normalises a value to what jsonb gives back: plain JSON, Dates as ISO strings, no undefined. */
export function toStoredJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
