import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { deficiencyClosureRule } from './deficiency-closure-rule.js';
import { lockDeficiencyIn } from './deficiency.service.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import type { NonconformanceView } from './nonconformance.schema.js';
import { getNonconformance, toNonconformanceView } from './nonconformance.service.js';

/**
 * Closes a resolved deficiency with an electronic signature meaning "verified": a signed-in person
 * other than the resolver re-authenticates. The deficiency's remediation SLA occurrence is
 * completed and verified with it.
 */
export async function verifyDeficiencyClosure(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { credentials: SignerCredentials; note: string },
): Promise<NonconformanceView> {
  const signer = requireSigningPerson(principal, 'verify the closure of a deficiency');
  const current = await getNonconformance(ctx, id);
  const slaOccurrence = current.slaOccurrenceId
    ? await getOccurrence(ctx, current.slaOccurrenceId)
    : null;
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const existing = await lockDeficiencyIn(tx, id, ['resolved'], 'closed');
    const decision = decideSecondPersonSigning(
      signer,
      deficiencyClosureRule({ status: 'resolved', resolvedById: existing.resolved_by_id }),
    );
    if (!decision.allowed) throw new AppError(decision.code, decision.reason);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'nonconformance',
      entityId: id,
      meaning: 'verified',
      note: input.note,
      credentials: input.credentials,
      record: toNonconformanceView(existing, ctx),
    });
    if (!signed.ok) return { refused: signed.reason };
    const row = await nonconformanceRepository.update(
      tx.trx,
      id,
      {
        status: 'closed',
        closed_at: tx.now,
        closed_by_id: signed.signerId,
        closed_by_label: signed.signerLabel,
        closure_signature_id: signed.signatureId,
      },
      tx.now,
    );
    if (slaOccurrence) {
      await satisfyOccurrence(tx, slaOccurrence, {
        note: `Deficiency ${current.number} closed: ${existing.resolution_note ?? ''}`,
        signatureId: signed.signatureId,
      });
    }
    await tx.audit({
      action: 'nonconformance.closed',
      entityType: 'nonconformance',
      entityId: id,
      before: { status: existing.status },
      after: { status: row.status, signatureId: signed.signatureId, note: input.note },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
  return getNonconformance(ctx, id);
}
