import type { ApiClient } from '../shared/api/api-client.js';
import { CliExit, EXIT } from './exit-codes.js';
import { addDays, parseDate, startOfDate } from '../platform/time/zoned-time.js';

/**
 * Which instant of a calendar day a date-only option stands for, in the organisation's time zone:
 * - `start`: the day's first instant (local midnight), for "from", "at or after" and one-off
 *   moments such as `--detected-at 2026-12-07`;
 * - `end`: the first instant after the day, for exclusive upper bounds ("started before",
 *   "as the day ended"), so the whole day is included;
 * - `deadline`: just after that, for `--due-before`: a deadline at the midnight that ends the day
 *   is that day's deadline (the web shows it as "due 7 Dec"), so it is included too.
 */
export type DayEdge = 'start' | 'end' | 'deadline';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a calendar date (`YYYY-MM-DD`) that exists. */
export function isCalendarDate(value: string): boolean {
  if (!DATE_ONLY.test(value)) return false;
  const { year, month, day } = parseDate(value);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * An option's value as the API takes it: a date-time is passed on unchanged (the server checks
 * it), a `YYYY-MM-DD` becomes the instant `edge` names in `timeZone`.
 */
export function instantOfOption(
  option: string,
  value: string,
  edge: DayEdge,
  timeZone: string,
): string {
  if (!DATE_ONLY.test(value)) return value;
  if (!isCalendarDate(value)) {
    throw new CliExit(EXIT.usage, `${option} ${value} is not a calendar date (YYYY-MM-DD)`);
  }
  switch (edge) {
    case 'start':
      return startOfDate(value, timeZone).toISOString();
    case 'end':
      return startOfDate(addDays(value, 1), timeZone).toISOString();
    case 'deadline':
      return new Date(startOfDate(addDays(value, 1), timeZone).getTime() + 1).toISOString();
  }
}

/**
 * Resolves several options at once, asking the server for the organisation's time zone only when
 * one of them is a date. `options` maps the API's parameter to [the option's name, its value,
 * which edge of a day it stands for].
 */
export async function resolveInstants<K extends string>(
  client: Pick<ApiClient, 'get'>,
  options: Record<K, [option: string, value: string | undefined, edge: DayEdge]>,
): Promise<Record<K, string | undefined>> {
  const entries = Object.entries(options) as [K, [string, string | undefined, DayEdge]][];
  const needsZone = entries.some(([, [, value]]) => value !== undefined && DATE_ONLY.test(value));
  const timeZone = needsZone ? (await client.get('/organisation')).timeZone : 'UTC';
  return Object.fromEntries(
    entries.map(([key, [option, value, edge]]) => [
      key,
      value === undefined ? undefined : instantOfOption(option, value, edge, timeZone),
    ]),
  ) as Record<K, string | undefined>;
}
