import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { satisfyClock } from './change-clocks.js';
import { approvalRule, CHANGE_SIGNATURE_MEANINGS, changeFacts } from './change-rules.js';
import { decideChangeAction } from './change-status.js';
import { formatChangeNumber } from './change.schema.js';
import { changeRepository, type ChangeRow } from './changes.repository.js';

/** The change as its signatures sign it: what was approved or verified. */
export function signedChangeContent(row: ChangeRow) {
  return {
    change: formatChangeNumber(row.number),
    title: row.title,
    description: row.description,
    type: row.type,
    risk: row.risk,
    conformityImpact: row.conformity_impact,
    testSummary: row.test_summary,
    rollbackPlan: row.rollback_plan,
    plannedStart: row.planned_start?.toISOString() ?? null,
    plannedEnd: row.planned_end?.toISOString() ?? null,
    requester: row.requester_label,
    requestedAt: row.requested_at.toISOString(),
    implementedAt: row.implemented_at?.toISOString() ?? null,
  };
}

/**
 * Approves a change with an e-signature meaning "approved", by a signed-in person other than its
 * requester (re-authentication). Before implementation as a rule; an emergency change already
 * implemented is approved retrospectively, which records its approval occurrence as met, or late
 * when past the configured time.
 */
export async function approveChange(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { credentials: SignerCredentials; note: string },
): Promise<void> {
  const signer = requireSigningPerson(principal, 'approve a change');
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const row = await changeRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('Change');
    const allowed = decideSecondPersonSigning(principal, approvalRule(row));
    if (!allowed.allowed) throw new AppError(allowed.code, `Cannot approve: ${allowed.reason}`);
    const decision = decideChangeAction(changeFacts(row), 'approve');
    if (!decision.ok) throw new AppError('conflict', `Cannot approve: ${decision.reason}`);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'change',
      entityId: id,
      meaning: CHANGE_SIGNATURE_MEANINGS.approve,
      note: input.note,
      credentials: input.credentials,
      record: signedChangeContent(row),
    });
    if (!signed.ok) return { refused: signed.reason };
    await changeRepository.update(tx.trx, id, {
      status: decision.to,
      approved_at: tx.now,
      approved_by: signed.signerLabel,
      approval_signature_id: signed.signatureId,
      updated_at: tx.now,
    });
    if (row.approval_occurrence_id) {
      await satisfyClock(tx, row.approval_occurrence_id, {
        note: `${formatChangeNumber(row.number)} approved retrospectively by ${signed.signerLabel}`,
        signatureId: signed.signatureId,
      });
    }
    await tx.audit({
      action: 'change.approved',
      entityType: 'change',
      entityId: id,
      before: { status: row.status },
      after: {
        status: decision.to,
        signatureId: signed.signatureId,
        retrospective: row.implemented_at !== null,
        note: input.note,
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
