import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { incidentRepository } from './incidents.repository.js';

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

/** Records who is on call (primary or backup) from when to when, in a month's rota. */
export async function recordOnCallShift(
  ctx: Pick<AppContext, 'db' | 'clock'>,
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
