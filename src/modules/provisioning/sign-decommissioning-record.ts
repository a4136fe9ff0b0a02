import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { listAttachments } from '../attachments/list-attachments.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { formatDecommissioningNumber } from '../register/lifecycle-gate.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { decommissioningRepository } from './decommissioning.repository.js';
import {
  DECOMMISSIONING_RECORD_TYPE,
  decommissioningSignRule,
  missingForSignature,
} from './decommissioning-records.service.js';

/**
 * The triggers of the decommissioning controls: the retention review is due before data is
 * disposed of (the signature), the close-out within 7 days of the shutdown.
 */
export const DECOMMISSIONING_TRIGGERS = {
  requested: 'decommissioning-requested',
  completed: 'decommissioning-completed',
} as const;

/**
 * Signs a complete decommissioning record (e-signature meaning "decommissioned", `work:verify`,
 * re-authenticated). The record then lets the asset become `decommissioned`, and the
 * decommissioning controls' occurrences for the asset are recorded and met in the same
 * transaction: the retention review before disposal, the close-out on time or late against the
 * shutdown.
 */
export async function signDecommissioningRecord(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { note: string; credentials: SignerCredentials },
): Promise<void> {
  const current = await decommissioningRepository.findById(ctx.db, id);
  if (!current) throw notFound('Decommissioning record');
  const evidence = await listAttachments(ctx.db, DECOMMISSIONING_RECORD_TYPE, id);
  const decision = decideSecondPersonSigning(
    principal,
    decommissioningSignRule(current, missingForSignature(current, evidence)),
  );
  if (!decision.allowed) throw new AppError(decision.code, decision.reason);
  const signer = requireSigningPerson(principal, 'sign a decommissioning record');
  const number = formatDecommissioningNumber(current.number);
  const now = ctx.clock.now().toISOString();
  const prepared = await Promise.all([
    prepareTriggerEvent(ctx, {
      type: DECOMMISSIONING_TRIGGERS.requested,
      asset: current.asset_key,
      at: current.recorded_at.toISOString(),
      targetAt: now,
      externalId: `decommissioning-record:${id}:retention`,
      details: { record: number },
    }),
    prepareTriggerEvent(ctx, {
      type: DECOMMISSIONING_TRIGGERS.completed,
      asset: current.asset_key,
      at: current.shut_down_at.toISOString(),
      externalId: `decommissioning-record:${id}:close-out`,
      details: { record: number },
    }),
  ]);
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await decommissioningRepository.lock(tx.trx, id);
    if (!locked || locked.updated_at.getTime() !== current.updated_at.getTime()) {
      throw new AppError('conflict', 'The record changed meanwhile; reload it');
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'decommissioning_record',
      entityId: id,
      meaning: 'decommissioned',
      note: input.note,
      credentials: input.credentials,
      record: {
        record: number,
        asset: current.asset_key,
        retentionDecision: current.retention_decision,
        dataDisposition: current.data_disposition,
        dataLocation: current.data_location,
        sanitisationMethod: current.sanitisation_method,
        sanitisationReference: current.sanitisation_reference,
        evidence: evidence.map((file) => file.sha256),
        accessRemoved: current.access_removed,
        dnsRemoved: current.dns_removed,
        certificatesRemoved: current.certificates_removed,
        monitoringRemoved: current.monitoring_removed,
        shutDownAt: current.shut_down_at.toISOString(),
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await decommissioningRepository.update(tx.trx, id, {
      status: 'signed',
      signed_at: tx.now,
      signed_by_label: signed.signerLabel,
      signature_id: signed.signatureId,
      updated_at: tx.now,
    });
    await tx.audit({
      action: 'decommissioning-record.signed',
      entityType: 'decommissioning_record',
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'signed', signatureId: signed.signatureId, note: input.note },
    });
    for (const event of prepared) {
      const recorded = await recordPreparedTriggerEvent(tx, event);
      for (const occurrenceId of recorded.occurrenceIds) {
        await satisfyOccurrence(
          tx,
          await getOccurrence({ db: tx.trx, clock: { now: () => tx.now } }, occurrenceId),
          { note: `${number} signed by ${signed.signerLabel}`, signatureId: signed.signatureId },
        );
      }
    }
    return { refused: null };
  });
  throwIfRefused(outcome);
}
