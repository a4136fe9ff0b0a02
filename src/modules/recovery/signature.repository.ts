import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Signatures over recovery records and deficiency closures (the shared signatures table). */
export const recoverySignatureRepository = {
  insert: (
    trx: Transaction<Database>,
    values: {
      entityType: string;
      entityId: string;
      signerId: string;
      signerLabel: string;
      signerRole: string;
      meaning: string;
      method: string;
      reason: string;
      recordSha256: string;
      now: Date;
    },
  ) =>
    trx
      .insertInto('signatures')
      .values({
        entity_type: values.entityType,
        entity_id: values.entityId,
        signer_id: values.signerId,
        signer_label: values.signerLabel,
        signer_role: values.signerRole,
        meaning: values.meaning,
        method: values.method,
        reason: values.reason,
        record_sha256: values.recordSha256,
        signed_at: values.now,
      })
      .returning(['id', 'signed_at'])
      .executeTakeFirstOrThrow(),
};

/** The verification of a restore test or DR exercise: who signed, when, and what it satisfied. */
export const recoveryVerificationRepository = {
  markVerified: (
    trx: Transaction<Database>,
    table: 'restore_tests' | 'dr_exercises',
    id: string,
    values: {
      verifierId: string;
      verifierLabel: string;
      signatureId: string;
      satisfied: { occurrenceId: string; controlKey: string; periodKey: string }[];
      now: Date;
    },
  ) =>
    trx
      .updateTable(table)
      .set({
        status: 'verified',
        verified_at: values.now,
        verifier_id: values.verifierId,
        verifier_label: values.verifierLabel,
        signature_id: values.signatureId,
        satisfied_occurrences: JSON.stringify(values.satisfied),
        updated_at: values.now,
      })
      .where('id', '=', id)
      .execute(),
};
