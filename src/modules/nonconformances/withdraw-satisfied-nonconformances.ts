import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { currentOccurrenceStatuses } from '../occurrences/occurrence-statuses.js';
import type { OccurrenceStatus } from '../occurrences/occurrence-status.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import { formatNonconformanceNumber } from './nonconformance.schema.js';

/** Statuses in which an occurrence no longer stands as missed work. */
const SETTLED: readonly OccurrenceStatus[] = ['done', 'verified', 'not_applicable'];

/**
 * Closes, as withdrawn, every open or investigating missed-work nonconformance whose missed
 * occurrences have all been satisfied since (late evidence: a backup run imported after the day
 * closed), because the fact it was raised for was only missing, not absent. The closure keeps the
 * nonconformance and says why (`nonconformance.withdrawn`, with the occurrences and the reason, in
 * the same transaction). A nonconformance with one miss still unsatisfied stays open.
 */
export async function withdrawSatisfiedNonconformances(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<{ withdrawn: string[] }> {
  const open = await nonconformanceRepository.openMissedWork(ctx.db);
  const statuses = await currentOccurrenceStatuses(
    ctx,
    open.flatMap((nonconformance) => nonconformance.occurrence_ids),
  );
  const withdrawn: string[] = [];
  for (const candidate of open) {
    const settled = candidate.occurrence_ids.every((id) => {
      const status = statuses.get(id);
      return status !== undefined && SETTLED.includes(status);
    });
    if (!settled) continue;
    const label = await mutate(
      ctx,
      systemActor,
      async (tx) => {
        const existing = await nonconformanceRepository.findForUpdate(tx.trx, candidate.id);
        if (!existing || !['open', 'investigating'].includes(existing.status)) return null;
        const reason =
          `Withdrawn by Plumbline: each of the ${candidate.occurrence_ids.length} missed ` +
          'occurrences it was raised for was satisfied by evidence recorded after its window ' +
          'closed (the work had been done; only the record of it was late).';
        const row = await nonconformanceRepository.update(
          tx.trx,
          candidate.id,
          {
            status: 'closed',
            closed_at: tx.now,
            closed_by_id: null,
            closed_by_label: systemActor.label,
            resolution_note: reason,
            resolved_at: tx.now,
            resolved_by_id: null,
            resolved_by_label: systemActor.label,
          },
          tx.now,
        );
        const number = formatNonconformanceNumber(row.number);
        await tx.audit({
          action: 'nonconformance.withdrawn',
          entityType: 'nonconformance',
          entityId: row.id,
          before: { status: existing.status },
          after: {
            number,
            status: 'closed',
            occurrenceIds: candidate.occurrence_ids,
            reason,
          },
        });
        return number;
      },
      { mayFindNothingToDo: true },
    );
    if (label) withdrawn.push(label);
  }
  return { withdrawn };
}
