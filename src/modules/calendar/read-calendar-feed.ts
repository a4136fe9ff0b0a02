import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import { notFound } from '../../platform/errors.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { localWallClock } from '../../platform/time/local-time.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import type { OccurrenceView } from '../occurrences/occurrence.schema.js';
import type { OccurrenceStatus } from '../occurrences/occurrence-status.js';
import { OWNER_ROLES, type OwnerRole } from '../register/asset.schema.js';
import { calendarFeedRepository } from './calendar-feed.repository.js';
import { writeCalendar, type CalendarEvent, type CalendarEventTime } from './ical.js';

/** The work a feed shows: what is still to do, from two months back to four months ahead. */
export const FEED_STATUSES: OccurrenceStatus[] = ['upcoming', 'due', 'in_progress', 'overdue'];
const FEED_DAYS_BACK = 62;
const FEED_DAYS_AHEAD = 124;
const DAY_MS = 86_400_000;
/** A deadline during the day shows as the half hour before it. */
const TIMED_EVENT_MS = 30 * 60_000;

/**
 * A deadline as the calendar shows it: at local midnight it is the end of the day before (an
 * all-day event on that day, as My work reads it), otherwise the half hour before the instant.
 */
export function deadlineEventTime(dueAt: Date, timeZone: string): CalendarEventTime {
  const clock = localWallClock(dueAt, timeZone);
  if (
    clock.hour === 0 &&
    clock.minute === 0 &&
    dueAt.getUTCSeconds() === 0 &&
    dueAt.getUTCMilliseconds() === 0
  ) {
    return { kind: 'all-day', date: dateInZone(new Date(dueAt.getTime() - 1), timeZone) };
  }
  return { kind: 'timed', start: new Date(dueAt.getTime() - TIMED_EVENT_MS), end: dueAt };
}

function eventOf(
  occurrence: OccurrenceView,
  ctx: Pick<AppContext, 'config'>,
  host: string,
): CalendarEvent {
  const overdue = occurrence.status === 'overdue';
  const what = occurrence.assetKey
    ? `${occurrence.controlTitle} (${occurrence.assetKey})`
    : occurrence.controlTitle;
  return {
    uid: `occurrence-${occurrence.id}@${host}`,
    time: deadlineEventTime(new Date(occurrence.dueAt), ctx.config.timezone),
    summary: overdue ? `Overdue: ${what}` : what,
    description: [
      `Control ${occurrence.controlKey}, period ${occurrence.periodKey}.`,
      `Status: ${occurrence.status.replace('_', ' ')}${occurrence.critical ? ', critical' : ''}.`,
      `Owner: ${occurrence.ownerRole}.`,
    ].join('\n'),
    url: `${ctx.config.publicUrl}/work/occurrences/${occurrence.id}`,
    categories: ['Plumbline', ...(overdue ? ['Overdue'] : [])],
  };
}

const isOwnerRole = (role: string): role is OwnerRole =>
  (OWNER_ROLES as readonly string[]).includes(role);

/**
 * The iCalendar text of a feed URL's secret: the work still to do of its owner's role (their
 * current role, read at each request), read-only. A secret that is unknown, revoked or whose owner
 * is disabled is answered as not found, the same for each, so the URL tells a stranger nothing.
 */
export async function readCalendarFeed(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  token: string,
): Promise<string> {
  const owner = await calendarFeedRepository.findOwnerByHash(ctx.db, sha256Hex(token));
  if (!owner) throw notFound('Calendar feed');
  const now = ctx.clock.now();
  const occurrences = isOwnerRole(owner.role)
    ? await listOccurrences(ctx, {
        ownerRole: owner.role,
        status: FEED_STATUSES,
        dueFrom: new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS).toISOString(),
        dueBefore: new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS).toISOString(),
      })
    : [];
  const host = new URL(ctx.config.publicUrl).host;
  return writeCalendar({
    name: `Plumbline: ${owner.role} work`,
    stamp: now,
    events: occurrences.map((occurrence) => eventOf(occurrence, ctx, host)),
  });
}
