import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { NonconformanceView } from '../nonconformances/nonconformance.schema.js';
import {
  defaultDeficiencyDueOn,
  resolveOwnerPerson,
} from '../nonconformances/nonconformance.service.js';
import { raiseDeficiency } from '../nonconformances/raise-deficiency.js';
import { durationMs } from '../../platform/time/iso-duration.js';
import { drExerciseRepository } from './dr-exercise.repository.js';
import {
  formatDrExerciseNumber,
  type DrExerciseDetail,
  type RecordDrExerciseInput,
} from './dr-exercise.schema.js';
import { getDrExercise } from './dr-exercise.service.js';
import { startSlaOrLeaveToJob } from './start-sla-or-leave-to-job.js';
import { recoveryTargetsFor } from './recovery-targets.js';

/** Each measured recovery time against its target: the asset's RTO, or the one given. */
async function judgeMeasurements(
  ctx: Pick<AppContext, 'db'>,
  measurements: RecordDrExerciseInput['recoveryMeasurements'],
) {
  return Promise.all(
    measurements.map(async (measurement, index) => {
      let targetRto = measurement.targetRto;
      if (measurement.asset !== undefined) {
        try {
          targetRto ??= (await recoveryTargetsFor(ctx, measurement.asset)).rto;
        } catch (error) {
          if (error instanceof AppError && error.code === 'not_found') {
            const path = `body.recoveryMeasurements.${index}.asset`;
            throw new AppError('validation_failed', `${path}: no such asset`, {
              issues: [{ path, message: `there is no asset ${measurement.asset}` }],
            });
          }
          throw error;
        }
      }
      const measuredSeconds = Math.round(durationMs(measurement.measured) / 1000);
      return {
        subject: measurement.asset ?? measurement.service ?? '',
        assetKey: measurement.asset ?? null,
        measuredSeconds,
        targetRto: targetRto!,
        met: measuredSeconds * 1000 <= durationMs(targetRto!),
      };
    }),
  );
}

/**
 * Records a DR exercise as completed by the caller, with its measured recovery times against the
 * targets. Each deficiency found becomes a nonconformance owned by the person named, due on the
 * date given (90 days by default), and starts the remediation SLA (`dr-deficiency-found`).
 */
export async function recordDrExercise(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'logger'>,
  actor: Actor,
  input: RecordDrExerciseInput,
): Promise<DrExerciseDetail> {
  const measurements = await judgeMeasurements(ctx, input.recoveryMeasurements);
  const owners = await Promise.all(
    input.deficiencies.map((deficiency, index) =>
      resolveOwnerPerson(ctx, deficiency.ownerUserId, `body.deficiencies.${index}.ownerUserId`),
    ),
  );
  const { id, raised } = await mutate(ctx, actor, async (tx) => {
    const defaultDueOn = defaultDeficiencyDueOn(tx.now, ctx.config.timezone);
    const deficiencies = input.deficiencies.map((deficiency) => ({
      title: deficiency.title,
      description: deficiency.description,
      ownerUserId: deficiency.ownerUserId,
      dueOn: deficiency.dueOn ?? defaultDueOn,
    }));
    const row = await drExerciseRepository.insert(tx.trx, {
      type: input.type,
      scenario: input.scenario,
      startedAt: new Date(input.startedAt),
      finishedAt: new Date(input.finishedAt),
      participants: input.participants,
      timeline: [...input.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
      recoveryMeasurements: measurements,
      deficiencies,
      outcome: input.outcome,
      summary: input.summary,
      recordedById: actor.id ?? actor.label,
      recordedByLabel: actor.label,
      now: tx.now,
    });
    const number = formatDrExerciseNumber(row.number);
    await tx.audit({
      action: 'dr_exercise.recorded',
      entityType: 'dr_exercise',
      entityId: row.id,
      after: { number, type: input.type, outcome: input.outcome, measurements, deficiencies },
    });
    const views: NonconformanceView[] = [];
    for (const [index, deficiency] of deficiencies.entries()) {
      const view = await raiseDeficiency(ctx, tx, {
        sourceType: 'dr-exercise',
        sourceId: row.id,
        sourceItem: String(index + 1),
        title: `${number}: ${deficiency.title}`,
        description: deficiency.description,
        ownerRole: 'engineering',
        owner: owners[index]!,
        dueOn: deficiency.dueOn,
      });
      if (view) views.push(view);
    }
    return { id: row.id, raised: views };
  });
  await startSlaOrLeaveToJob(ctx, actor, raised);
  return getDrExercise(ctx, id, null);
}
