/**
 * An iCalendar (RFC 5545) writer for the calendar feed: text values escaped (3.3.11), content
 * lines folded at 75 octets without splitting a UTF-8 character (3.1), CRLF line ends, dates
 * (VALUE=DATE) and UTC date-times. Pure: the feed's use case hands it the events, batch by batch.
 */

/** When an event happens: a whole local day, or a span of instants. */
export type CalendarEventTime =
  { kind: 'all-day'; date: string } | { kind: 'timed'; start: Date; end: Date };

export interface CalendarEvent {
  /** Globally unique and stable, so a calendar app updates the event instead of adding another. */
  uid: string;
  time: CalendarEventTime;
  summary: string;
  description: string;
  url: string;
  categories: string[];
}

export interface Calendar {
  name: string;
  /** When the feed was written (DTSTAMP of every event). */
  stamp: Date;
  events: CalendarEvent[];
}

const MAX_LINE_OCTETS = 75;

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * One content line folded (RFC 5545 3.1): no physical line longer than 75 octets, each
 * continuation starting with a space, a multi-octet UTF-8 character never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** 20261207T143000Z */
export function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** 2026-12-07 → 20261207 */
function basicDate(date: string): string {
  return date.replace(/-/g, '');
}

function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function timeLines(time: CalendarEventTime): string[] {
  switch (time.kind) {
    case 'all-day':
      // DTEND of an all-day event is the day after (exclusive), RFC 5545 3.6.1.
      return [
        `DTSTART;VALUE=DATE:${basicDate(time.date)}`,
        `DTEND;VALUE=DATE:${basicDate(nextDate(time.date))}`,
      ];
    case 'timed':
      return [`DTSTART:${utcDateTime(time.start)}`, `DTEND:${utcDateTime(time.end)}`];
  }
}

/** A calendar's opening lines, before its events. */
function headLines(name: string): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Plumbline//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
}

function eventLines(event: CalendarEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${stamp}`,
    ...timeLines(event.time),
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${event.url}`,
    ...(event.categories.length > 0
      ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`]
      : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** Lines as iCalendar text: each folded, each ended by CRLF. */
const text = (lines: string[]) => lines.map((line) => `${foldLine(line)}\r\n`).join('');

/**
 * The calendar as iCalendar text (CRLF line ends, every line folded), written as its events
 * arrive, one chunk per batch, so a calendar is never held whole in memory: the feed reads its
 * events page by page.
 */
export async function* streamCalendar(
  calendar: Omit<Calendar, 'events'>,
  batches: AsyncIterable<CalendarEvent[]>,
): AsyncGenerator<string> {
  const stamp = utcDateTime(calendar.stamp);
  yield text(headLines(calendar.name));
  for await (const events of batches) {
    if (events.length > 0) yield events.map((event) => text(eventLines(event, stamp))).join('');
  }
  yield text(['END:VCALENDAR']);
}
