import type { AppContext } from '../../platform/context.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import type { CoveringOccurrence } from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { recoveryVerifyRule } from './recovery-signing-rule.js';
import { recoveryVerificationRepository } from './recovery-verification.repository.js';

export interface RecoveryRecordToVerify {
  table: 'restore_tests' | 'dr_exercises';
  entityType: 'restore_test' | 'dr_exercise';
  /** How messages name the record: "restore test". */
  noun: string;
  id: string;
  credentials: SignerCredentials;
  note: string;
  /** Locks the record and returns its status, who recorded it and what the signature covers. */
  lock(
    tx: AuditedTransaction,
  ): Promise<{ status: string; performerId: string; record: unknown } | undefined>;
  /** The occurrences the verified record satisfies, with the note their events carry. */
  occurrences: CoveringOccurrence[];
  occurrenceNote: string;
}

/**
 * Verifies a restore test or DR exercise with an electronic signature meaning "verified": a
 * signed-in person other than the one who recorded it re-authenticates; the occurrences it is
 * evidence for are completed and verified in the same transaction, citing the signature.
 */
export async function verifyRecoveryRecord(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  input: RecoveryRecordToVerify,
): Promise<void> {
  const signer = requireSigningPerson(principal, `verify a ${input.noun}`);
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await input.lock(tx);
    if (!locked) throw notFound(input.noun.charAt(0).toUpperCase() + input.noun.slice(1));
    const decision = decideSecondPersonSigning(signer, recoveryVerifyRule(locked, input.noun));
    if (!decision.allowed) throw new AppError(decision.code, decision.reason);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: input.entityType,
      entityId: input.id,
      meaning: 'verified',
      note: input.note,
      credentials: input.credentials,
      record: locked.record,
    });
    if (!signed.ok) return { refused: signed.reason };
    const satisfied = [];
    for (const occurrence of input.occurrences) {
      const result = await satisfyOccurrence(tx, occurrence, {
        note: input.occurrenceNote,
        signatureId: signed.signatureId,
      });
      if (result.recorded) satisfied.push(result);
    }
    await recoveryVerificationRepository.markVerified(tx.trx, input.table, input.id, {
      verifierId: signed.signerId,
      verifierLabel: signed.signerLabel,
      signatureId: signed.signatureId,
      satisfied: satisfied.map(({ occurrenceId, controlKey, periodKey }) => ({
        occurrenceId,
        controlKey,
        periodKey,
      })),
      now: tx.now,
    });
    await tx.audit({
      action: `${input.entityType}.verified`,
      entityType: input.entityType,
      entityId: input.id,
      before: { status: locked.status },
      after: { status: 'verified', signatureId: signed.signatureId, satisfied, note: input.note },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
