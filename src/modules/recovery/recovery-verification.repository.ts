import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

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
