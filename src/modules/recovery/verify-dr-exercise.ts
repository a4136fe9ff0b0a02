import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { drExerciseRepository } from './dr-exercise.repository.js';
import type { DrExerciseDetail } from './dr-exercise.schema.js';
import { getDrExercise, toDrExerciseView } from './dr-exercise.service.js';
import { verifyRecoveryRecord } from './verify-recovery-record.js';

/** The catalogue control a verified exercise that did not fail satisfies for its year. */
export const DR_EXERCISE_CONTROL = 'dr-exercise-annual';

/**
 * Verifies a completed DR exercise with an electronic signature (not by whoever recorded it). An
 * exercise that passed, with or without deficiencies, satisfies the year's `dr-exercise-annual`
 * occurrence; a failed one is verified as a record and the exercise must be run again.
 */
export async function verifyDrExercise(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { credentials: SignerCredentials; note: string },
): Promise<DrExerciseDetail> {
  const current = await getDrExercise(ctx, id, principal);
  const annual =
    current.outcome === 'failed'
      ? undefined
      : await findOccurrenceCovering(ctx, {
          control: DR_EXERCISE_CONTROL,
          asset: null,
          instant: new Date(current.finishedAt),
        });
  await verifyRecoveryRecord(ctx, principal, {
    table: 'dr_exercises',
    entityType: 'dr_exercise',
    noun: 'DR exercise',
    id,
    credentials: input.credentials,
    note: input.note,
    occurrences: annual ? [annual] : [],
    occurrenceNote: `DR exercise ${current.number} (${current.type}, ${current.outcome}), verified`,
    lock: async (tx) => {
      const row = await drExerciseRepository.findForUpdate(tx.trx, id);
      return (
        row && {
          status: row.status,
          performerId: row.recorded_by_id,
          record: {
            ...toDrExerciseView(row),
            deficiencies: row.deficiencies,
            evidence: current.evidence.map((file) => file.sha256),
          },
        }
      );
    },
  });
  return getDrExercise(ctx, id, principal);
}
