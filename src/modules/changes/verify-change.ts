import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { signedChangeContent } from './approve-change.js';
import { satisfyClock } from './change-clocks.js';
import { CHANGE_SIGNATURE_MEANINGS, changeFacts, verificationRule } from './change-rules.js';
import { decideChangeAction } from './change-status.js';
import { formatChangeNumber, type VerificationOutcome } from './change.schema.js';
import { changeRepository } from './changes.repository.js';

/**
 * Signs the post-change verification (meaning "verified"): the change did what was intended, or
 * was rolled back, and why. Records the change's verification occurrence as met at this instant,
 * so post-change-verification-48h is met within 48 hours of implementation and late after.
 */
export async function verifyChange(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { outcome: VerificationOutcome; note: string; credentials: SignerCredentials },
): Promise<void> {
  const signer = requireSigningPerson(principal, 'verify a change');
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const row = await changeRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('Change');
    const allowed = decideSecondPersonSigning(principal, verificationRule(row));
    if (!allowed.allowed) throw new AppError(allowed.code, `Cannot verify: ${allowed.reason}`);
    const decision = decideChangeAction(changeFacts(row), 'verify');
    if (!decision.ok) throw new AppError('conflict', `Cannot verify: ${decision.reason}`);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'change',
      entityId: id,
      meaning: CHANGE_SIGNATURE_MEANINGS.verify,
      note: input.note,
      credentials: input.credentials,
      record: { ...signedChangeContent(row), outcome: input.outcome, note: input.note },
    });
    if (!signed.ok) return { refused: signed.reason };
    await changeRepository.update(tx.trx, id, {
      status: decision.to,
      verified_at: tx.now,
      verified_by: signed.signerLabel,
      verification_outcome: input.outcome,
      verification_note: input.note,
      verification_signature_id: signed.signatureId,
      updated_at: tx.now,
    });
    if (row.verification_occurrence_id) {
      await satisfyClock(tx, row.verification_occurrence_id, {
        note: `${formatChangeNumber(row.number)} verified (${input.outcome}): ${input.note}`,
        signatureId: signed.signatureId,
      });
    }
    await tx.audit({
      action: 'change.verified',
      entityType: 'change',
      entityId: id,
      before: { status: row.status },
      after: {
        status: decision.to,
        outcome: input.outcome,
        note: input.note,
        signatureId: signed.signatureId,
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
