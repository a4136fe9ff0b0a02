import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { capaTransition, type CapaStatus } from './capa-status.js';
import { formatCapaNumber, type CheckOutcome } from './capa.schema.js';
import { capaRepository } from './capa.repository.js';
import { effectivenessCheckRule, todayOf } from './capa.service.js';

/** What the signature on an effectiveness check means. */
export const EFFECTIVENESS_CHECK_MEANING = 'effectiveness-check';

/**
 * Records the effectiveness check of a CAPA as an electronic signature by someone other than the
 * owners of its actions, on or after its planned date, once every action is done. `passed` makes
 * the CAPA effective (it may then be closed) and satisfies its occurrence of
 * capa-effectiveness-verified; `failed` sends it back to implementing, for more actions.
 */
export async function signEffectivenessCheck(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { outcome: CheckOutcome; note: string; credentials: SignerCredentials },
): Promise<void> {
  const signer = requireSigningPerson(principal, 'sign an effectiveness check');
  const before = await capaRepository.get(ctx.db, id);
  if (!before) throw notFound('CAPA');
  const occurrence =
    input.outcome === 'passed' && before.sla_occurrence_id
      ? await getOccurrence(ctx, before.sla_occurrence_id)
      : null;
  const today = todayOf(ctx);
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const row = await capaRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('CAPA');
    const actions = await capaRepository.actionsOf(tx.trx, id);
    const allowed = decideSecondPersonSigning(
      principal,
      effectivenessCheckRule(row, actions, today),
    );
    if (!allowed.allowed) throw new AppError(allowed.code, allowed.reason);
    const move = capaTransition(
      row.status as CapaStatus,
      input.outcome === 'passed' ? 'check-passed' : 'check-failed',
    );
    if (!move.ok) throw new AppError('conflict', move.reason);
    const number = formatCapaNumber(row.number);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'capa',
      entityId: id,
      meaning: EFFECTIVENESS_CHECK_MEANING,
      note: input.note,
      credentials: input.credentials,
      record: {
        capa: number,
        title: row.title,
        rootCause: { method: row.root_cause_method, text: row.root_cause },
        criteria: row.check_criteria,
        plannedOn: row.check_planned_on,
        actions: actions.map((action) => ({
          title: action.title,
          owner: action.owner_label,
          status: action.status,
          note: action.completion_note,
        })),
        outcome: input.outcome,
        note: input.note,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await capaRepository.update(
      tx.trx,
      id,
      {
        status: move.to,
        check_outcome: input.outcome,
        check_note: input.note,
        check_signature_id: signed.signatureId,
        checked_at: tx.now,
        checked_by: signed.signerLabel,
      },
      tx.now,
    );
    if (occurrence) {
      await satisfyOccurrence(tx, occurrence, {
        note: `Effectiveness check of ${number} passed`,
        signatureId: signed.signatureId,
      });
    }
    await tx.audit({
      action: 'capa.effectiveness_checked',
      entityType: 'capa',
      entityId: id,
      before: { status: row.status },
      after: {
        status: move.to,
        outcome: input.outcome,
        note: input.note,
        signatureId: signed.signatureId,
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
