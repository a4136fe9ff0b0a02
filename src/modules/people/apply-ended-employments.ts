import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { applyPersonChange, endOfEndDate } from './apply-person-change.js';
import { peopleRepository, type PersonRow } from './people.repository.js';
import type { PersonFields, PersonSource } from './person.schema.js';

function fieldsOf(row: PersonRow): PersonFields {
  return {
    userName: row.user_name,
    email: row.email,
    name: row.name,
    department: row.department,
    jobTitle: row.job_title,
    managerEmail: row.manager_email,
    startDate: row.start_date,
    endDate: row.end_date,
    externalId: row.external_id,
    active: true,
  };
}

/**
 * People imported with an end date still ahead of them stay active until that date is over; this
 * records them as left at the end of their last day, once it has passed, and starts the revocation
 * clocks from that instant (not from the import). Each person in a transaction of their own, the
 * row locked and re-read, so instances running it at once record each departure once.
 */
export async function applyEndedEmployments(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<number> {
  const now = ctx.clock.now();
  // End dates up to today (local) may have ended; the exact instant is checked per person.
  const candidates = await peopleRepository.activeEndingBy(
    ctx.db,
    dateInZone(now, ctx.config.timezone),
  );
  let recorded = 0;
  for (const candidate of candidates) {
    if (!candidate.end_date || endOfEndDate(candidate.end_date, ctx.config.timezone) > now)
      continue;
    const left = await mutate(
      ctx,
      systemActor,
      async (tx) => {
        const row = await peopleRepository.findForUpdate(tx.trx, candidate.id);
        if (row?.status !== 'active') return false;
        const applied = await applyPersonChange(
          tx,
          { clock: ctx.clock, timezone: ctx.config.timezone },
          row,
          fieldsOf(row),
          row.source as PersonSource,
        );
        return applied.left;
      },
      { mayFindNothingToDo: true },
    );
    if (left) recorded += 1;
  }
  return recorded;
}

/** The scheduler's job: departures whose end date has passed, recorded each tick. */
export function endedEmploymentsJob(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): PeriodicJob {
  return { name: 'ended-employments', run: () => applyEndedEmployments(ctx) };
}
