import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { incidentRepository } from './incidents.repository.js';
import {
  answeredPeriodInstant,
  isMonthStaffed,
  monthBounds,
  ON_CALL_CONTROL,
} from './on-call-coverage.js';

export interface OnCallShiftView {
  id: string;
  month: string;
  person: string;
  position: 'primary' | 'backup';
  from: string;
  to: string;
  recordedBy: string;
  recordedAt: string;
}

type ShiftRow = Awaited<ReturnType<typeof incidentRepository.shiftsOfMonth>>[number];

const toView = (row: ShiftRow): OnCallShiftView => ({
  id: row.id,
  month: row.month,
  person: row.person,
  position: row.position as 'primary' | 'backup',
  from: row.starts_at.toISOString(),
  to: row.ends_at.toISOString(),
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at.toISOString(),
});

/**
 * Records who is on call (primary or backup) from when to when, in a month's rota. The shift that
 * completes the month (a primary and a backup for every instant of it) completes and verifies the
 * occurrence of on-call-rotation-monthly the rota answers (the month before's), in the same
 * transaction.
 */
export async function recordOnCallShift(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: {
    month: string;
    person: string;
    position: 'primary' | 'backup';
    from: string;
    to: string;
  },
): Promise<OnCallShiftView> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (to <= from) {
    throw new AppError('validation_failed', 'A shift must end after it starts', {
      issues: [{ path: 'body.to', message: 'must be after from' }],
    });
  }
  const occurrence = await findOccurrenceCovering(ctx, {
    control: ON_CALL_CONTROL,
    asset: null,
    instant: answeredPeriodInstant(input.month, ctx.config.timezone),
  });
  return mutate(ctx, actor, async (tx) => {
    const row = await incidentRepository.insertShift(tx.trx, {
      month: input.month,
      person: input.person,
      position: input.position,
      from,
      to,
      by: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'on_call.shift_recorded',
      entityType: 'on_call_shift',
      entityId: row.id,
      after: input,
    });
    const shifts = (await incidentRepository.shiftsOfMonth(tx.trx, input.month)).map((shift) => ({
      position: shift.position,
      from: shift.starts_at,
      to: shift.ends_at,
    }));
    if (occurrence && isMonthStaffed(shifts, monthBounds(input.month, ctx.config.timezone))) {
      await satisfyOccurrence(tx, occurrence, {
        note: `On-call rota for ${input.month} staffed: a primary and a backup for every day`,
      });
    }
    return toView(row);
  });
}

/** A month's rota, in order of start. */
export async function listOnCallShifts(
  ctx: Pick<AppContext, 'db'>,
  month: string,
): Promise<{ items: OnCallShiftView[] }> {
  return { items: (await incidentRepository.shiftsOfMonth(ctx.db, month)).map(toView) };
}
