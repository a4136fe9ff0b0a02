import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { raiseNonconformanceFromIncident } from '../nonconformances/raise-nonconformance-from-incident.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import {
  decideSecondPersonSigning,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { formatIncidentNumber, type ConformityOutcome } from './incident.schema.js';
import { incidentRepository, type IncidentRow } from './incidents.repository.js';

/** What the signature on a conformity decision means. */
export const CONFORMITY_DECISION_MEANING = 'conformity-decision';

/**
 * Who may record the conformity decision: a person of the quality role (the control's owner),
 * signing with re-authentication, once per incident.
 */
export function conformityDecisionRule(incident: Pick<IncidentRow, 'decision'>): SecondPersonRule {
  return {
    permission: 'incidents:decide',
    state:
      incident.decision === null
        ? { open: true }
        : { open: false, reason: 'the conformity decision has been recorded' },
    doneBy: null,
    ownWorkReason: '',
    requiredRole: {
      role: 'quality',
      reason: 'the conformity decision is signed by a person of the quality role',
    },
  };
}

/**
 * Records, with an electronic signature of the quality role, whether the incident could have
 * affected product or service conformity. "impact" raises a nonconformance in the same
 * transaction. The signed decision completes and verifies the incident's conformity-decision
 * occurrence (incident-conformity-decision-24h), at the real instant, so the control is met when
 * this happens within 24 hours of opening and late otherwise.
 */
export async function decideIncidentConformity(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { outcome: ConformityOutcome; rationale: string; credentials: SignerCredentials },
): Promise<void> {
  const signer = requireSigningPerson(principal, 'record a conformity decision');
  const before = await incidentRepository.get(ctx.db, id);
  if (!before) throw notFound('Incident');
  const occurrence = before.decision_occurrence_id
    ? await getOccurrence(ctx, before.decision_occurrence_id)
    : null;
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const row = await incidentRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('Incident');
    const allowed = decideSecondPersonSigning(principal, conformityDecisionRule(row));
    if (!allowed.allowed) throw new AppError(allowed.code, allowed.reason);
    const number = formatIncidentNumber(row.number);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'incident',
      entityId: id,
      meaning: CONFORMITY_DECISION_MEANING,
      note: input.rationale,
      credentials: input.credentials,
      record: {
        incident: number,
        title: row.title,
        severity: row.severity,
        openedAt: row.opened_at.toISOString(),
        outcome: input.outcome,
        rationale: input.rationale,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    const nonconformance =
      input.outcome === 'impact'
        ? await raiseNonconformanceFromIncident(ctx, tx, {
            id,
            number,
            title: row.title,
            rationale: input.rationale,
          })
        : null;
    await incidentRepository.update(tx.trx, id, {
      decision: input.outcome,
      decision_rationale: input.rationale,
      decision_signature_id: signed.signatureId,
      decided_at: tx.now,
      decided_by: signed.signerLabel,
      nonconformance_id: nonconformance?.id ?? null,
      updated_at: tx.now,
    });
    await incidentRepository.addTimelineEntry(tx.trx, {
      incidentId: id,
      at: tx.now,
      kind: 'decision',
      text:
        input.outcome === 'impact'
          ? `Conformity could be affected (${nonconformance!.number} raised): ${input.rationale}`
          : `No impact on conformity: ${input.rationale}`,
      by: signed.signerLabel,
      now: tx.now,
    });
    if (occurrence) {
      await satisfyOccurrence(tx, occurrence, {
        note: `Conformity decision of ${number}: ${input.outcome}`,
        signatureId: signed.signatureId,
      });
    }
    await tx.audit({
      action: 'incident.decided',
      entityType: 'incident',
      entityId: id,
      after: {
        outcome: input.outcome,
        rationale: input.rationale,
        signatureId: signed.signatureId,
        nonconformanceId: nonconformance?.id ?? null,
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
