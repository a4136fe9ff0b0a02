/** Wall-clock reading of an instant in a time zone: what a person there sees on their clock. */
export interface LocalWallClock {
  /** Calendar date 'YYYY-MM-DD'. */
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function localWallClock(instant: Date, timeZone: string): LocalWallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    isoWeekday: WEEKDAYS.indexOf(parts.weekday ?? '') + 1,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** An instant as people in the organisation read it, e.g. '30 Mar 2026, 14:00 CEST'. */
export function formatLocal(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
}
