import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/http/principal.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { MAX_PAGE_LIMIT, readAllPages, type Page } from '../../platform/http/paging.js';
import { drExerciseRepository, type DrExerciseRow } from './dr-exercise.repository.js';
import {
  formatDrExerciseNumber,
  type DrExerciseDetail,
  type DrExerciseOutcome,
  type DrExerciseStatus,
  type DrExerciseView,
  type ListDrExercisesQuery,
} from './dr-exercise.schema.js';
import {
  recoveryRecordDetail,
  recoveryRecordPage,
  type RecoveryRecordReads,
} from './recovery-record-reads.js';

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

const drExerciseReads: RecoveryRecordReads<DrExerciseRow, DrExerciseView> = {
  type: 'dr-exercise',
  noun: 'DR exercise',
  title: 'DR exercise',
  byIds: (db, ids) => drExerciseRepository.list(db, { ids }),
  performerIdOf: (row) => row.recorded_by_id,
  toView: toDrExerciseView,
};

/**
 * A page of DR exercises, latest first, by type and status; an engaged auditor's period (`within`,
 * on when the exercise started) is applied in the query.
 */
export async function listDrExercisePage(
  ctx: Pick<AppContext, 'db'>,
  query: Partial<ListDrExercisesQuery> & Pick<ListDrExercisesQuery, 'limit'>,
  within?: EngagementPeriod,
): Promise<Page<DrExerciseView>> {
  return recoveryRecordPage(
    query,
    (keyset) =>
      drExerciseRepository.list(ctx.db, {
        type: query.type,
        status: query.status,
        within,
        ...keyset,
      }),
    toDrExerciseView,
  );
}

/** Every DR exercise the filter selects, latest first, read page after page. */
export async function listDrExercises(
  ctx: Pick<AppContext, 'db'>,
  filter: Omit<Partial<ListDrExercisesQuery>, 'cursor' | 'limit'> = {},
): Promise<DrExerciseView[]> {
  return readAllPages((cursor) =>
    listDrExercisePage(ctx, { ...filter, limit: MAX_PAGE_LIMIT, cursor }),
  );
}

/** One DR exercise with its evidence, its deficiencies as they stand, and what it satisfied. */
export async function getDrExercise(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  id: string,
  caller: Principal | null,
): Promise<DrExerciseDetail> {
  return recoveryRecordDetail(ctx, drExerciseReads, id, caller);
}
