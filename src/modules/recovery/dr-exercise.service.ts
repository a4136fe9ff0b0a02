import type { AppContext } from '../../app/context.js';
import { notFound } from '../../platform/errors.js';
import { drExerciseRepository, type DrExerciseRow } from './dr-exercise.repository.js';
import {
  formatDrExerciseNumber,
  type DrExerciseDetail,
  type DrExerciseOutcome,
  type DrExerciseStatus,
  type DrExerciseView,
  type ListDrExercisesQuery,
} from './dr-exercise.schema.js';
import { recoveryRecordParts } from './recovery-record-parts.js';

export function toDrExerciseView(row: DrExerciseRow): DrExerciseView {
  return {
    id: row.id,
    number: formatDrExerciseNumber(row.number),
    type: row.type as DrExerciseView['type'],
    scenario: row.scenario,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    participants: row.participants,
    timeline: row.timeline,
    recoveryMeasurements: row.recovery_measurements,
    outcome: row.outcome as DrExerciseOutcome,
    summary: row.summary,
    status: row.status as DrExerciseStatus,
    recordedByLabel: row.recorded_by_label,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    verifierLabel: row.verifier_label,
    signatureId: row.signature_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** DR exercises, latest first. */
export async function listDrExercises(
  ctx: Pick<AppContext, 'db'>,
  query: ListDrExercisesQuery = {},
): Promise<DrExerciseView[]> {
  return (await drExerciseRepository.list(ctx.db, query)).map(toDrExerciseView);
}

/** One DR exercise with its evidence, its deficiencies as they stand, and what it satisfied. */
export async function getDrExercise(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  id: string,
): Promise<DrExerciseDetail> {
  const [row] = await drExerciseRepository.list(ctx.db, { ids: [id] });
  if (!row) throw notFound('DR exercise');
  return {
    ...toDrExerciseView(row),
    ...(await recoveryRecordParts(ctx, 'dr-exercise', id)),
    satisfiedOccurrences: row.satisfied_occurrences,
  };
}
