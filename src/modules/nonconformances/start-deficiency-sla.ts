import type { AppContext } from '../../platform/context.js';
import { systemActor, type Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { recordTriggerEvent } from '../occurrences/record-trigger-event.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import type { NonconformanceView } from './nonconformance.schema.js';
import { listNonconformances } from './nonconformance.service.js';

/** The trigger that starts the remediation SLA controls (dr-deficiency-remediation). */
export const DEFICIENCY_FOUND_TRIGGER = 'dr-deficiency-found';

/**
 * Starts the remediation SLA of new deficiencies: one `dr-deficiency-found` trigger event each
 * (idempotent on the deficiency's id), whose occurrence is linked to the deficiency and is
 * completed and verified when the deficiency is closed by signature. Runs after the deficiencies
 * were committed; running it again records nothing twice.
 */
export async function startDeficiencySla(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  deficiencies: NonconformanceView[],
): Promise<void> {
  for (const deficiency of deficiencies) {
    if (deficiency.slaOccurrenceId !== null) continue;
    const event = await recordTriggerEvent(ctx, actor, {
      type: DEFICIENCY_FOUND_TRIGGER,
      at: deficiency.raisedAt,
      externalId: `deficiency:${deficiency.id}`,
      details: { nonconformance: deficiency.number, sourceType: deficiency.sourceType },
    });
    const [occurrenceId] = event.occurrenceIds;
    if (!occurrenceId) continue;
    await mutate(ctx, actor, async (tx) => {
      await nonconformanceRepository.update(
        tx.trx,
        deficiency.id,
        { sla_occurrence_id: occurrenceId },
        tx.now,
      );
      await tx.audit({
        action: 'nonconformance.sla_started',
        entityType: 'nonconformance',
        entityId: deficiency.id,
        after: { slaOccurrenceId: occurrenceId, triggerEventId: event.eventId },
      });
    });
  }
}

/**
 * Starts the SLA of every open deficiency that has none yet: the retry for a deficiency whose
 * trigger event could not be recorded right after it was raised. Run by the nonconformance job.
 */
export async function startPendingDeficiencySlas(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<void> {
  const pending = (await listNonconformances(ctx, {})).filter(
    (nc) => nc.deficiency && nc.status !== 'closed' && nc.slaOccurrenceId === null,
  );
  await startDeficiencySla(ctx, systemActor, pending);
}
