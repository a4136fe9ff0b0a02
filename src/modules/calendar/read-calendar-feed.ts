import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import { notFound } from '../../platform/errors.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { localWallClock } from '../../platform/time/local-time.js';
import type { Actor } from '../../platform/audit/actor.js';
import { roleTitle } from '../../platform/auth/role-titles.js';
import { userRoleSchema } from '../../platform/auth/roles.js';
import { listOccurrencePage } from '../occurrences/list-occurrences.js';
import type { OccurrenceView } from '../occurrences/occurrence.schema.js';
import type { OccurrenceStatus } from '../occurrences/occurrence-status.js';
import { calendarFeedRepository } from './calendar-feed.repository.js';
import { streamCalendar, type CalendarEvent, type CalendarEventTime } from './ical.js';

/** The work a feed shows: what is still to do, from two months back to four months ahead. */
export const FEED_STATUSES: OccurrenceStatus[] = ['upcoming', 'due', 'in_progress', 'overdue'];
const FEED_DAYS_BACK = 62;
const FEED_DAYS_AHEAD = 124;
/** Occurrences read at a time: the feed is written page by page, never held whole. */
export const FEED_PAGE_SIZE = 200;
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
      `Owner: ${roleTitle(occurrence.ownerRole)}.`,
      ...(occurrence.assignee ? [`Assigned to ${occurrence.assignee.name}.`] : []),
    ].join('\n'),
    url: `${ctx.config.publicUrl}/work/occurrences/${occurrence.id}`,
    categories: ['Plumbline', ...(overdue ? ['Overdue'] : [])],
  };
}

/**
 * The iCalendar text of a feed URL's secret, written as it is read: the work still to do of its
 * owner's role (their current role, read at each request) and the work assigned to them whatever
 * its role, read-only, a page of occurrences at a time (keyset cursor), so a long window is never
 * held in memory. A secret that is unknown, revoked or whose owner is disabled is answered as not
 * found, the same for each, before any text, so the URL tells a stranger nothing.
 */
export async function readCalendarFeed(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  token: string,
  pageSize = FEED_PAGE_SIZE,
): Promise<AsyncIterable<string>> {
  const owner = await calendarFeedRepository.findOwnerByHash(ctx.db, sha256Hex(token));
  if (!owner) throw notFound('Calendar feed');
  const now = ctx.clock.now();
  const person: Actor = {
    type: 'user',
    id: owner.user_id,
    label: owner.name,
    role: userRoleSchema.parse(owner.role),
  };
  const query = {
    mine: true,
    status: FEED_STATUSES,
    dueFrom: new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS).toISOString(),
    dueBefore: new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS).toISOString(),
    at: now.toISOString(),
    limit: pageSize,
  };
  const host = new URL(ctx.config.publicUrl).host;
  async function* pages(): AsyncGenerator<CalendarEvent[]> {
    let cursor: string | undefined;
    do {
      const page = await listOccurrencePage(ctx, { ...query, cursor }, undefined, person);
      yield page.items.map((occurrence) => eventOf(occurrence, ctx, host));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  return streamCalendar({ name: `Plumbline: ${owner.name}'s work`, stamp: now }, pages());
}
