import { addMonths, startOfDate } from '../../platform/time/zoned-time.js';

/** The control a fully staffed month of the on-call rota satisfies (catalogue source incidents). */
export const ON_CALL_CONTROL = 'on-call-rotation-monthly';

export interface MonthBounds {
  start: Date;
  end: Date;
}

/** The month `YYYY-MM` as instants [start, end) in the organisation's time zone. */
export function monthBounds(month: string, timeZone: string): MonthBounds {
  const first = `${month}-01`;
  return { start: startOfDate(first, timeZone), end: startOfDate(addMonths(first, 1), timeZone) };
}

/**
 * The instant whose occurrence of on-call-rotation-monthly a month's rota answers: the rota for
 * month M is due by the 25th of the month before, so it is that month's occurrence (the one
 * covering the first instant of the month before).
 */
export function answeredPeriodInstant(month: string, timeZone: string): Date {
  return startOfDate(addMonths(`${month}-01`, -1), timeZone);
}

/** Whether the shifts, together, cover every instant of [start, end) without a gap. */
function covers(shifts: readonly { from: Date; to: Date }[], bounds: MonthBounds): boolean {
  let reached = bounds.start.getTime();
  for (const shift of [...shifts].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    if (shift.from.getTime() > reached) return false;
    reached = Math.max(reached, shift.to.getTime());
    if (reached >= bounds.end.getTime()) return true;
  }
  return reached >= bounds.end.getTime();
}

/**
 * The rule of on-call-rotation-monthly as code: a month is staffed when its primary shifts and,
 * separately, its backup shifts each cover the whole month without a gap.
 */
export function isMonthStaffed(
  shifts: readonly { position: string; from: Date; to: Date }[],
  bounds: MonthBounds,
): boolean {
  return (['primary', 'backup'] as const).every((position) =>
    covers(
      shifts.filter((shift) => shift.position === position),
      bounds,
    ),
  );
}
