import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { resolveOwnerPerson } from '../nonconformances/nonconformance.service.js';
import { getNonconformance } from '../nonconformances/nonconformance.service.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { capaRepository } from './capa.repository.js';
import { formatCapaNumber, type OpenCapaInput } from './capa.schema.js';
import { todayOf } from './capa.service.js';

/** The trigger that starts a CAPA's effectiveness clock (capa-effectiveness-verified). */
export const CAPA_OPENED_TRIGGER = 'capa-opened';

/** Days after its planned date by which the effectiveness check is due. */
export const EFFECTIVENESS_CHECK_GRACE_DAYS = 30;

/**
 * Opens a CAPA for one or more nonconformances, owned by a person (the caller by default), with
 * its effectiveness check planned at a date. Records a `capa-opened` trigger event in the same
 * transaction: its occurrence of capa-effectiveness-verified is due 30 days after the planned date
 * and is satisfied by a passing signed check.
 */
export async function openCapa(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: OpenCapaInput,
): Promise<string> {
  const ownerId = input.ownerUserId ?? (actor.type === 'user' ? actor.id : null);
  if (ownerId === null) {
    throw new AppError('validation_failed', 'A CAPA opened by a token names its owner', {
      issues: [{ path: 'body.ownerUserId', message: 'is required when a token opens a CAPA' }],
    });
  }
  const owner = await resolveOwnerPerson(ctx, ownerId, 'body.ownerUserId');
  if (input.effectivenessCheckOn < todayOf(ctx)) {
    throw new AppError(
      'validation_failed',
      'The effectiveness check cannot be planned in the past',
      {
        issues: [{ path: 'body.effectivenessCheckOn', message: 'is in the past' }],
      },
    );
  }
  const nonconformanceIds = [...new Set(input.nonconformanceIds)];
  for (const [index, id] of nonconformanceIds.entries()) {
    try {
      await getNonconformance(ctx, id);
    } catch {
      throw new AppError('validation_failed', `No nonconformance has the id ${id}`, {
        issues: [{ path: `body.nonconformanceIds.${index}`, message: 'is not a nonconformance' }],
      });
    }
  }
  const prepared = await prepareTriggerEvent(ctx, {
    type: CAPA_OPENED_TRIGGER,
    at: ctx.clock.now().toISOString(),
    details: {},
  });
  return mutate(ctx, actor, async (tx) => {
    const row = await capaRepository.insert(tx.trx, {
      kind: input.kind,
      title: input.title,
      ownerUserId: owner.owner_user_id!,
      ownerLabel: owner.owner_user_label!,
      checkPlannedOn: input.effectivenessCheckOn,
      checkCriteria: input.effectivenessCriteria,
      openedBy: actor.label,
      now: tx.now,
    });
    await capaRepository.linkNonconformances(tx.trx, row.id, nonconformanceIds);
    const number = formatCapaNumber(row.number);
    const deadline = startOfDate(
      addDays(input.effectivenessCheckOn, EFFECTIVENESS_CHECK_GRACE_DAYS + 1),
      ctx.config.timezone,
    );
    const clock = await recordPreparedTriggerEvent(tx, {
      ...prepared,
      input: {
        type: CAPA_OPENED_TRIGGER,
        at: tx.now.toISOString(),
        targetAt: deadline.toISOString(),
        externalId: `capa:${row.id}`,
        details: { capa: number, effectivenessCheckOn: input.effectivenessCheckOn },
      },
    });
    const slaOccurrenceId = clock.occurrenceIds[0] ?? null;
    if (slaOccurrenceId !== null)
      await capaRepository.update(tx.trx, row.id, { sla_occurrence_id: slaOccurrenceId }, tx.now);
    await tx.audit({
      action: 'capa.opened',
      entityType: 'capa',
      entityId: row.id,
      after: {
        number,
        kind: input.kind,
        title: input.title,
        owner: owner.owner_user_label,
        nonconformanceIds,
        effectivenessCheckOn: input.effectivenessCheckOn,
        effectivenessCriteria: input.effectivenessCriteria,
        slaOccurrenceId,
      },
    });
    return row.id;
  });
}
