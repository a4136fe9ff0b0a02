import type { AppContext } from '../../platform/context.js';
import { occurrenceRepository } from './occurrence.repository.js';
import { statusFromWorkState, type OccurrenceStatus, type WorkState } from './occurrence-status.js';

/**
 * The status now of each of the given occurrences (unknown ids are left out), from the stored
 * state every occurrence has: what a record standing for several occurrences (a nonconformance
 * raised for a streak of misses) asks to know whether they are still missed.
 */
export async function currentOccurrenceStatuses(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  occurrenceIds: readonly string[],
): Promise<Map<string, OccurrenceStatus>> {
  const now = ctx.clock.now();
  const states = await occurrenceRepository.statesOf(ctx.db, occurrenceIds);
  return new Map(
    states.map((state) => [
      state.occurrence_id,
      statusFromWorkState(
        { opensAt: state.opens_at, dueAt: state.due_at, closesAt: state.closes_at },
        state.work_state as WorkState,
        now,
      ),
    ]),
  );
}
