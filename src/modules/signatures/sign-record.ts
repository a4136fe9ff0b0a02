import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { AppContext } from '../../platform/context.js';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { reauthenticateSigner, type SignerCredentials } from '../identity/reauthenticate-signer.js';
import { signatureRepository } from './signature.repository.js';

export type SessionPrincipal = Extract<Principal, { via: 'session' }>;

/** Only a signed-in person can sign: a machine token cannot attest anything. */
export function requireSigningPerson(principal: Principal, what: string): SessionPrincipal {
  if (principal.via !== 'session') {
    throw new AppError('forbidden', `An API token cannot sign: sign in as a person to ${what}`);
  }
  return principal;
}

/** SHA-256 (hex) over a record's canonical JSON (RFC 8785): what a signature is linked to. */
export function sha256OfRecord(record: unknown): string {
  return createHash('sha256').update(canonicalize(record)).digest('hex');
}

export interface SignRecordInput {
  entityType: string;
  entityId: string;
  /** What the signature means, e.g. verified. */
  meaning: string;
  note: string;
  credentials: SignerCredentials;
  /** The record as signed; its SHA-256 over canonical JSON (RFC 8785) is kept with the signature. */
  record: unknown;
}

export type SignOutcome =
  | { ok: true; signatureId: string; signerId: string; signerLabel: string; method: string }
  | { ok: false; reason: string };

/**
 * The one way anything in Plumbline is signed. Re-authenticates the signer inside the caller's
 * transaction (password, an unused TOTP code, or a single sign-on user's unused signing proof) and records the signature (signer, meaning, time,
 * method, note, SHA-256 of the signed record) with a `signature.created` audit entry, or audits the
 * refused attempt as `signature.failed` (the caller commits, then answers 401 with the reason).
 */
export async function signRecord(
  ctx: Pick<AppContext, 'secretBox'>,
  tx: AuditedTransaction,
  principal: SessionPrincipal,
  input: SignRecordInput,
): Promise<SignOutcome> {
  const check = await reauthenticateSigner(
    tx.trx,
    { secretBox: ctx.secretBox, now: tx.now },
    { userId: principal.userId, sessionIdHash: principal.sessionIdHash },
    input.credentials,
  );
  if (!check.ok) {
    await tx.audit({
      action: 'signature.failed',
      entityType: input.entityType,
      entityId: input.entityId,
      after: { meaning: input.meaning, reason: check.reason },
    });
    return { ok: false, reason: check.reason };
  }
  const recordSha256 = sha256OfRecord(input.record);
  const signature = await signatureRepository.insert(tx.trx, {
    entityType: input.entityType,
    entityId: input.entityId,
    signerId: check.signer.id,
    signerLabel: check.signer.label,
    signerRole: check.signer.role,
    meaning: input.meaning,
    method: check.method,
    reason: input.note,
    recordSha256,
    now: tx.now,
  });
  await tx.audit({
    action: 'signature.created',
    entityType: 'signature',
    entityId: signature.id,
    after: {
      entityType: input.entityType,
      entityId: input.entityId,
      signer: check.signer.label,
      meaning: input.meaning,
      method: check.method,
      recordSha256,
    },
  });
  return {
    ok: true,
    signatureId: signature.id,
    signerId: check.signer.id,
    signerLabel: check.signer.label,
    method: check.method,
  };
}

/** After the signing transaction committed: a refused signature is a 401 with its reason. */
export function throwIfRefused(outcome: { refused: string | null }): void {
  if (outcome.refused !== null)
    throw new AppError('unauthenticated', `Signature refused: ${outcome.refused}`);
}
