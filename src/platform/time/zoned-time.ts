/**
 * Calendar arithmetic in an IANA time zone without a date library: Intl tells us a zone's UTC
 * offset at any instant, which is all that is needed to turn a local wall-clock time into an
 * instant and back, across daylight-saving changes.
 */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC, in milliseconds, at an instant (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    offsetFormatter(timeZone)
      .formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const asIfUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return asIfUtc - wholeSeconds;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. A local time that
 * happens twice (autumn fall-back) gives the earlier instant; one that does not exist (inside the
 * spring-forward gap) is moved forward by the length of the gap, as Temporal's "compatible"
 * disambiguation does, so local midnight on a day whose midnight is skipped is the day's first
 * instant.
 */
export function zonedTimeToInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): Date {
  const asIfUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
  );
  // Offsets in force a day either side cover any single transition near this time.
  const offsets = [
    ...new Set(
      [-86_400_000, 0, 86_400_000].map((shift) =>
        zoneOffsetMs(new Date(asIfUtc + shift), timeZone),
      ),
    ),
  ];
  const candidates = offsets.map((offset) => asIfUtc - offset);
  const exact = candidates.filter(
    (instant) => instant + zoneOffsetMs(new Date(instant), timeZone) === asIfUtc,
  );
  if (exact.length > 0) return new Date(Math.min(...exact));
  return new Date(Math.max(...candidates));
}

/** Parses 'YYYY-MM-DD'. */
export function parseDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The instant local midnight starts the given calendar date in the zone. */
export function startOfDate(date: string, timeZone: string): Date {
  return zonedTimeToInstant(parseDate(date), timeZone);
}

/** The calendar date ('YYYY-MM-DD') an instant falls on in the zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Adds days to a calendar date (pure calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Adds whole months, clamping to the last day of the target month (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseDate(date);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parseDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}
