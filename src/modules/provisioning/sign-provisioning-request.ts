import type { AppContext } from '../../platform/context.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
  type PreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { formatProvisioningNumber } from '../register/lifecycle-gate.js';
import { applyAssetPatch } from '../register/update-asset.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { approvalRule, criterionVerificationRule } from './provisioning-rules.js';
import { provisioningRepository, type ProvisioningRequestRow } from './provisioning.repository.js';

/** The trigger of both provisioning controls, recorded when a request is fully verified. */
export const PROVISIONING_REQUESTED_TRIGGER = 'provisioning-requested';
/** The control met by an approval signed before provisioning started. */
export const PROVISIONING_APPROVAL_CONTROL = 'provisioning-request-approval';

/** What a signature on a provisioning request covers: the request as it stands. */
function signedContent(
  row: ProvisioningRequestRow,
  criteria: { position: number; criterion: string }[],
) {
  return {
    request: formatProvisioningNumber(row.number),
    asset: row.asset_key,
    purpose: row.purpose,
    requirements: row.requirements,
    securityConsiderations: row.security_considerations,
    configurationReference: row.configuration_reference,
    acceptanceCriteria: criteria.map((c) => c.criterion),
  };
}

/**
 * Approves a provisioning request with an e-signature meaning "approved", by a person other than
 * the requester who holds `work:verify` (second-person rule). Provisioning may start after it.
 */
export async function approveProvisioningRequest(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { note: string; credentials: SignerCredentials },
): Promise<void> {
  const current = await provisioningRepository.findById(ctx.db, id);
  if (!current) throw notFound('Provisioning request');
  const decision = decideSecondPersonSigning(principal, approvalRule(current));
  if (!decision.allowed) throw new AppError(decision.code, decision.reason);
  const signer = requireSigningPerson(principal, 'approve a provisioning request');
  const criteria = await provisioningRepository.criteria(ctx.db, id);
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await provisioningRepository.lock(tx.trx, id);
    if (locked?.status !== 'requested') {
      throw new AppError('conflict', `The request is already ${locked?.status ?? 'gone'}`);
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'provisioning_request',
      entityId: id,
      meaning: 'approved',
      note: input.note,
      credentials: input.credentials,
      record: signedContent(current, criteria),
    });
    if (!signed.ok) return { refused: signed.reason };
    await provisioningRepository.update(tx.trx, id, {
      status: 'approved',
      approved_at: tx.now,
      approved_by_label: signed.signerLabel,
      approval_signature_id: signed.signatureId,
      updated_at: tx.now,
    });
    await tx.audit({
      action: 'provisioning-request.approved',
      entityType: 'provisioning_request',
      entityId: id,
      before: { status: 'requested' },
      after: { status: 'approved', signatureId: signed.signatureId, note: input.note },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}

/**
 * The request is fully verified: the asset moves on to `verified` (ready to enter service), and the
 * provisioning controls' occurrences for it are recorded and met in the same transaction: the
 * approval came before provisioning started (the state machine allows no other order) and the
 * verification before production use (the lifecycle gate allows no other order).
 */
async function completeVerification(
  tx: AuditedTransaction,
  row: ProvisioningRequestRow,
  prepared: PreparedTriggerEvent,
  lastSignatureId: string,
): Promise<void> {
  const number = formatProvisioningNumber(row.number);
  await provisioningRepository.update(tx.trx, row.id, {
    status: 'verified',
    verified_at: tx.now,
    updated_at: tx.now,
  });
  await tx.audit({
    action: 'provisioning-request.verified',
    entityType: 'provisioning_request',
    entityId: row.id,
    before: { status: 'provisioning' },
    after: { status: 'verified' },
  });
  if (row.asset_lifecycle_status === 'requested' || row.asset_lifecycle_status === 'provisioning') {
    await applyAssetPatch(
      tx,
      row.asset_key,
      { lifecycleStatus: 'verified' },
      { action: 'asset.lifecycle_changed' },
    );
  }
  const recorded = await recordPreparedTriggerEvent(tx, prepared);
  for (const occurrenceId of recorded.occurrenceIds) {
    const occurrence = await getOccurrence(
      { db: tx.trx, clock: { now: () => tx.now } },
      occurrenceId,
    );
    const approval = occurrence.controlKey === PROVISIONING_APPROVAL_CONTROL;
    await satisfyOccurrence(tx, occurrence, {
      note: approval
        ? `${number} approved by ${row.approved_by_label ?? ''} at ${row.approved_at?.toISOString() ?? ''}, before provisioning started at ${row.started_at?.toISOString() ?? ''}`
        : `${number}: every acceptance criterion verified by someone other than ${row.implemented_by_label ?? ''}`,
      signatureId:
        approval && row.approval_signature_id ? row.approval_signature_id : lastSignatureId,
    });
  }
}

/**
 * Verifies one acceptance criterion with an e-signature meaning "verified", by a person other
 * than the implementer (second-person rule), with what was checked and seen. The last criterion
 * verified completes the request (completeVerification).
 */
export async function verifyAcceptanceCriterion(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  position: number,
  input: { observation: string; credentials: SignerCredentials },
): Promise<void> {
  const current = await provisioningRepository.findById(ctx.db, id);
  if (!current) throw notFound('Provisioning request');
  const decision = decideSecondPersonSigning(principal, criterionVerificationRule(current));
  if (!decision.allowed) throw new AppError(decision.code, decision.reason);
  const signer = requireSigningPerson(principal, 'verify an acceptance criterion');
  const prepared = await prepareTriggerEvent(ctx, {
    type: PROVISIONING_REQUESTED_TRIGGER,
    asset: current.asset_key,
    at: current.requested_at.toISOString(),
    targetAt: ctx.clock.now().toISOString(),
    externalId: `provisioning-request:${id}`,
    details: { request: formatProvisioningNumber(current.number) },
  });
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await provisioningRepository.lock(tx.trx, id);
    if (locked?.status !== 'provisioning') {
      throw new AppError('conflict', 'The request changed meanwhile; reload it');
    }
    const criterion = await provisioningRepository.lockCriterion(tx.trx, id, position);
    if (!criterion) throw notFound(`Acceptance criterion ${position}`);
    if (criterion.verified_at !== null) {
      throw new AppError('conflict', `Acceptance criterion ${position} is already verified`);
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'provisioning_request',
      entityId: id,
      meaning: 'verified',
      note: input.observation,
      credentials: input.credentials,
      record: {
        request: formatProvisioningNumber(current.number),
        asset: current.asset_key,
        configurationReference: current.configuration_reference,
        criterion: { position, text: criterion.criterion },
        observation: input.observation,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await provisioningRepository.verifyCriterion(tx.trx, id, position, {
      observation: input.observation,
      byLabel: signed.signerLabel,
      signatureId: signed.signatureId,
      at: tx.now,
    });
    await tx.audit({
      action: 'provisioning-request.criterion_verified',
      entityType: 'provisioning_request',
      entityId: id,
      after: {
        position,
        criterion: criterion.criterion,
        observation: input.observation,
        signatureId: signed.signatureId,
      },
    });
    const remaining = (await provisioningRepository.criteria(tx.trx, id)).filter(
      (c) => c.verified_at === null,
    );
    if (remaining.length === 0) {
      const row = await provisioningRepository.findById(tx.trx, id);
      await completeVerification(tx, row!, prepared, signed.signatureId);
    }
    return { refused: null };
  });
  throwIfRefused(outcome);
}
