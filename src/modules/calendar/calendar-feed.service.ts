import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError, notFound } from '../../platform/errors.js';
import { calendarFeedRepository } from './calendar-feed.repository.js';
import type { CalendarFeedView } from './calendar-feed.schema.js';

type FeedRow = NonNullable<Awaited<ReturnType<typeof calendarFeedRepository.findInUse>>>;

const NO_FEED: CalendarFeedView = { inUse: false, prefix: null, createdAt: null };

function toView(row: FeedRow | undefined): CalendarFeedView {
  if (!row || row.revoked_at) return NO_FEED;
  return { inUse: true, prefix: row.prefix, createdAt: row.created_at.toISOString() };
}

/** The person behind the actor: a feed belongs to a person, never to a machine token. */
function personOf(actor: Actor): string {
  if (actor.type !== 'user' || actor.id === null) {
    throw new AppError(
      'conflict',
      'A calendar feed belongs to a person: sign in as yourself to make one',
    );
  }
  return actor.id;
}

/** The feed URL of a secret (docs/calendar.md). */
export function calendarFeedUrl(ctx: Pick<AppContext, 'config'>, token: string): string {
  return `${ctx.config.publicUrl}/api/v1/calendar/feeds/${token}`;
}

/** Whether the signed-in person has a feed in use (never its secret, which is not kept). */
export async function getCalendarFeed(
  ctx: Pick<AppContext, 'db'>,
  actor: Actor,
): Promise<CalendarFeedView> {
  if (actor.type !== 'user' || actor.id === null) return NO_FEED;
  return toView(await calendarFeedRepository.findInUse(ctx.db, actor.id));
}

/**
 * A new feed URL for the signed-in person. A feed already in use is revoked in the same
 * transaction (rotation), so a leaked URL stops working the moment a new one is made. The secret
 * is returned this once; only its SHA-256 is stored.
 */
export async function createCalendarFeed(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
): Promise<{ url: string; feed: CalendarFeedView }> {
  const userId = personOf(actor);
  const token = randomToken('plbcal_');
  return mutate(ctx, actor, async (tx) => {
    const previous = await calendarFeedRepository.findInUse(tx.trx, userId);
    if (previous) await calendarFeedRepository.revoke(tx.trx, previous.id, tx.now);
    const row = await calendarFeedRepository.insert(tx.trx, {
      userId,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 12),
      now: tx.now,
    });
    const feed = toView(row);
    await tx.audit({
      action: previous ? 'calendar_feed.rotated' : 'calendar_feed.created',
      entityType: 'calendar_feed',
      entityId: row.id,
      before: previous ? { ...toView(previous), id: previous.id } : null,
      after: { ...feed, userId },
    });
    return { url: calendarFeedUrl(ctx, token), feed };
  });
}

/** Revokes the signed-in person's feed: its URL answers 404 from now on. */
export async function revokeCalendarFeed(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
): Promise<CalendarFeedView> {
  const userId = personOf(actor);
  return mutate(ctx, actor, async (tx) => {
    const existing = await calendarFeedRepository.findInUse(tx.trx, userId);
    if (!existing) throw notFound('Calendar feed');
    await calendarFeedRepository.revoke(tx.trx, existing.id, tx.now);
    await tx.audit({
      action: 'calendar_feed.revoked',
      entityType: 'calendar_feed',
      entityId: existing.id,
      before: { ...toView(existing), userId },
      after: NO_FEED,
    });
    return NO_FEED;
  });
}
