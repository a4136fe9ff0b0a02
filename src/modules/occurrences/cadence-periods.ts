import {
  addDays,
  addMonths,
  isoWeekday,
  parseDate,
  startOfDate,
} from '../../platform/time/zoned-time.js';

export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** A calendar period: from `startDate` (inclusive) to `endDate` (exclusive), both local dates. */
export interface CalendarPeriod {
  key: string;
  startDate: string;
  endDate: string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** ISO 8601 week-numbering year and week of a date (weeks start Monday; week 1 holds 4 January). */
function isoWeek(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const { year } = parseDate(thursday);
  const firstThursday = addDays(`${year}-01-04`, 4 - isoWeekday(`${year}-01-04`));
  const days = (Date.parse(thursday) - Date.parse(firstThursday)) / 86_400_000;
  return { year, week: Math.round(days / 7) + 1 };
}

/** The period of the given frequency that contains a calendar date. */
export function periodContaining(frequency: Frequency, date: string): CalendarPeriod {
  const { year, month } = parseDate(date);
  switch (frequency) {
    case 'daily':
      return { key: date, startDate: date, endDate: addDays(date, 1) };
    case 'weekly': {
      const monday = addDays(date, 1 - isoWeekday(date));
      const week = isoWeek(monday);
      return {
        key: `${week.year}-W${pad(week.week)}`,
        startDate: monday,
        endDate: addDays(monday, 7),
      };
    }
    case 'monthly': {
      const start = `${year}-${pad(month)}-01`;
      return { key: `${year}-${pad(month)}`, startDate: start, endDate: addMonths(start, 1) };
    }
    case 'quarterly': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      const start = `${year}-${pad((quarter - 1) * 3 + 1)}-01`;
      return { key: `${year}-Q${quarter}`, startDate: start, endDate: addMonths(start, 3) };
    }
    case 'annual':
      return { key: String(year), startDate: `${year}-01-01`, endDate: `${year + 1}-01-01` };
  }
}

/**
 * Every period that starts before `untilDate` (exclusive) and ends after `fromDate`, not earlier
 * than the period holding `startsOn` (a control has no occurrences before it started).
 */
export function periodsBetween(
  frequency: Frequency,
  startsOn: string,
  fromDate: string,
  untilDate: string,
): CalendarPeriod[] {
  const first = fromDate > startsOn ? fromDate : startsOn;
  const periods: CalendarPeriod[] = [];
  for (
    let period = periodContaining(frequency, first);
    period.startDate < untilDate;
    period = periodContaining(frequency, period.endDate)
  ) {
    periods.push(period);
  }
  return periods;
}

/**
 * The last calendar day on which the work of a period may be done: the period's last day, or its
 * `dayOfPeriod`-th day (1-based, clamped to the period) when the control names one.
 */
export function dueDateOf(period: CalendarPeriod, dayOfPeriod?: number): string {
  const lastDay = addDays(period.endDate, -1);
  if (dayOfPeriod === undefined) return lastDay;
  const candidate = addDays(period.startDate, Math.max(dayOfPeriod, 1) - 1);
  return candidate < lastDay ? candidate : lastDay;
}

/** The instants a period spans and its deadline (the end of its due day), in the zone. */
export function periodInstants(
  period: CalendarPeriod,
  timeZone: string,
  dayOfPeriod?: number,
): { startsAt: Date; endsAt: Date; dueAt: Date } {
  return {
    startsAt: startOfDate(period.startDate, timeZone),
    endsAt: startOfDate(period.endDate, timeZone),
    dueAt: startOfDate(addDays(dueDateOf(period, dayOfPeriod), 1), timeZone),
  };
}
