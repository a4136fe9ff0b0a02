// The one place the web app turns the API's values into words: instants in the organisation's
// time zone, deadlines as the local day they end, durations, periods and validation messages.
// Each formatter takes its time zone and locale as arguments (tested in test/web/format.test.ts);
// the pages call it with the organisation's zone, which the session carries.
import { durationInWords } from '../../../src/platform/time/duration-words.js';
import { addDays, parseDate } from '../../../src/platform/time/zoned-time.js';

/** The browser's own zone, used until the session has said which zone the organisation is in. */
const browserTimeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
let organisationTimeZone = browserTimeZone;

/**
 * Set from the session once signed in (api/identity.ts): every date and time in the app is then
 * shown as a clock in the organisation's time zone reads, whichever zone the reader is in.
 */
export function setOrganisationTimeZone(timeZone: string | null | undefined): void {
  organisationTimeZone = timeZone ?? browserTimeZone;
}

export function getOrganisationTimeZone(): string {
  return organisationTimeZone;
}

/** A locale of `undefined` is the reader's own (the browser's language settings). */
type Locale = string | undefined;

/**
 * Building an Intl formatter costs far more than using one, and a long table formats thousands of
 * cells: each formatter is built once per locale, zone and options.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in the zone. */
function dateInZone(instant: Date, timeZone: string): string {
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** A calendar date (`YYYY-MM-DD`) as the reader's locale writes it, without shifting time zones. */
export function formatDate(isoDate: string | null | undefined, locale?: Locale): string {
  if (!isoDate) return '—';
  const date = isoDate.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return isoDate;
  return formatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(calendarDay(date));
}

/** An instant as the organisation's clock reads it: "7 Dec 2026, 14:30" (in the reader's locale). */
export function formatDateTime(
  isoTime: string | null | undefined,
  timeZone: string = organisationTimeZone,
  locale?: Locale,
): string {
  if (!isoTime) return '—';
  const instant = new Date(isoTime);
  if (Number.isNaN(instant.getTime())) return isoTime;
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}

/** Today as `YYYY-MM-DD` in the organisation's time zone. */
export function todayIsoDate(now: Date = new Date(), timeZone: string = organisationTimeZone) {
  return dateInZone(now, timeZone);
}

/** The first day of the current year as `YYYY-MM-DD`: reports cover the audit year so far. */
export function firstDayOfYear(): string {
  return `${todayIsoDate().slice(0, 4)}-01-01`;
}

/** Midnight UTC of a calendar date: formatted with `timeZone: 'UTC'` it shows that very date. */
function calendarDay(date: string): Date {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function wallClock(instant: Date, timeZone: string): { hour: number; minute: number } {
  const parts = formatter('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: part('hour'), minute: part('minute') + part('second') / 60 };
}

/**
 * The local day a deadline belongs to, and its time when it is not the day's end. Deadlines are
 * stored as instants; a cadence deadline is local midnight after the period's last day, which a
 * person reads as "by the end of Sunday 6 Dec", not "Mon 7 Dec, 00:00".
 */
export function deadlineDay(
  dueAt: string,
  timeZone: string = organisationTimeZone,
): { date: string; time: string | null } {
  const instant = new Date(dueAt);
  const clock = wallClock(instant, timeZone);
  if (clock.hour === 0 && clock.minute === 0) {
    return { date: dateInZone(new Date(instant.getTime() - 1), timeZone), time: null };
  }
  const time = `${String(clock.hour).padStart(2, '0')}:${String(Math.floor(clock.minute)).padStart(2, '0')}`;
  return { date: dateInZone(instant, timeZone), time };
}

/**
 * A deadline as the end of the local day it falls on: "today", "tomorrow", "yesterday",
 * "Mon 7 Dec" (with the year when it is not this year), and the time only when the deadline is
 * not the end of the day ("today, 15:00").
 */
export function formatDeadline(
  dueAt: string | null | undefined,
  now: Date = new Date(),
  timeZone: string = organisationTimeZone,
  locale?: Locale,
): string {
  if (!dueAt) return '—';
  if (Number.isNaN(new Date(dueAt).getTime())) return dueAt;
  const { date, time } = deadlineDay(dueAt, timeZone);
  const today = dateInZone(now, timeZone);
  const relative: Record<string, string> = {
    [today]: 'today',
    [addDays(today, 1)]: 'tomorrow',
    [addDays(today, -1)]: 'yesterday',
  };
  const day =
    relative[date] ??
    formatter(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(date.slice(0, 4) === today.slice(0, 4) ? {} : { year: 'numeric' }),
      timeZone: 'UTC',
    }).format(calendarDay(date));
  return time ? `${day}, ${time}` : day;
}

/** An ISO 8601 duration in words: `PT24H` → "24 hours". */
export function formatDuration(duration: string | null | undefined): string {
  return duration ? durationInWords(duration) : '—';
}

/**
 * An occurrence's period in words. Cadence periods have readable keys (2026-12-05, 2026-W49,
 * 2026-12, 2026-Q4, 2026); an SLA occurrence's key names its trigger event by id
 * (`event:782e…`), which means nothing to a reader: it is shown as the day the clock started.
 */
export function formatPeriod(
  periodKey: string,
  opensAt?: string,
  timeZone: string = organisationTimeZone,
  locale?: Locale,
): string {
  if (periodKey.startsWith('event:')) {
    return opensAt
      ? `After the event of ${formatDateTime(opensAt, timeZone, locale)}`
      : 'After an event';
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(periodKey)) return formatDate(periodKey, locale);
  const week = /^(\d{4})-W(\d{2})$/.exec(periodKey);
  if (week) return `Week ${Number(week[2])}, ${week[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  if (/^\d{4}-\d{2}$/.test(periodKey)) {
    return formatter(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(calendarDay(`${periodKey}-01`));
  }
  return periodKey;
}

/**
 * A person as the API labels them, split for display: signatures carry `Name <e-mail>`, other
 * records the e-mail alone or a token's `token:name`.
 */
export function personOfLabel(label: string | null | undefined): {
  name: string | null;
  email: string | null;
} {
  const trimmed = label?.trim() ?? '';
  const named = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(trimmed);
  if (named) return { name: named[1]!, email: named[2]! };
  if (/^[^\s@]+@[^\s@]+$/.test(trimmed)) return { name: null, email: trimmed };
  return { name: trimmed || null, email: null };
}

/** A person as shown: the name, with the e-mail as secondary text when both are known. */
export function formatPerson(person: { name?: string | null; email?: string | null }): {
  primary: string;
  secondary: string | null;
} {
  const name = person.name?.trim();
  const email = person.email?.trim();
  if (name) return { primary: name, secondary: email && email !== name ? email : null };
  return { primary: email || '—', secondary: null };
}

/**
 * A validation message in plain language. The API's messages name the field and say what is
 * wrong; zod's built-in ones for enumerations and types read like code (`expected one of
 * "critical"|"high"`), so those are rewritten.
 */
export function plainValidationMessage(message: string): string {
  if (/^Invalid option: expected one of /i.test(message) || /expected one of "/.test(message)) {
    return 'Choose one of the options offered';
  }
  if (/^Invalid input: expected (string|number|boolean), received (undefined|null)/.test(message)) {
    return 'Required';
  }
  if (/^Invalid input: expected number/.test(message)) return 'Enter a number';
  if (/^Invalid input: expected string/.test(message)) return 'Enter some text';
  return message;
}

/** Any JSON value as short readable text (audit before/after values). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
      ? formatDateTime(value)
      : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.length > 0 ? value.join(', ') : '—';
  }
  return JSON.stringify(value);
}
