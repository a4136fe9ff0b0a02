import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { OutboxPriority } from '../../platform/mail/outbox-priority.js';
import {
  cursorInstant,
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../platform/http/paging.js';
import type {
  ListNotificationsQuery,
  NotificationStatus,
  NotificationView,
} from './notification.schema.js';
import { notificationsRepository } from './notifications.repository.js';

/** A message's place in the list: (createdAt, id), newest first. */
const messageKey = z.tuple([cursorInstant, z.uuid()]);

/**
 * The evidence that people were notified: a page of queued messages, newest first, each with who
 * it went to, what it was about, and every delivery attempt with the mail server's answer.
 */
export async function listNotifications(
  ctx: Pick<AppContext, 'db'>,
  query: ListNotificationsQuery,
): Promise<Page<NotificationView>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, messageKey);
  const rows = await notificationsRepository.listMessages(ctx.db, {
    category: query.category,
    priority: query.priority,
    recipient: query.recipient?.toLowerCase(),
    status: query.status,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    after: after && { createdAt: after[0], id: after[1] },
    limit: query.limit + 1,
  });
  const messages = rows.slice(0, query.limit);
  const last = messages.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor([last.created_at.toISOString(), last.id])
      : null;
  const attempts = await notificationsRepository.attemptsFor(
    ctx.db,
    messages.map((message) => message.id),
  );
  const attemptsByMessage = new Map<string, NotificationView['attemptsLog']>();
  for (const attempt of attempts) {
    const log = attemptsByMessage.get(attempt.message_id) ?? [];
    log.push({
      attemptedAt: attempt.attempted_at.toISOString(),
      succeeded: attempt.succeeded,
      detail: attempt.detail,
    });
    attemptsByMessage.set(attempt.message_id, log);
  }
  const items = messages.map((message) => ({
    id: message.id,
    category: message.category,
    priority: message.priority as OutboxPriority,
    recipient: message.recipient,
    subject: message.subject,
    status: message.status as NotificationStatus,
    attempts: message.attempts,
    createdAt: message.created_at.toISOString(),
    sentAt: message.sent_at?.toISOString() ?? null,
    lastError: message.last_error,
    related:
      message.related_entity_type && message.related_entity_id
        ? { entityType: message.related_entity_type, entityId: message.related_entity_id }
        : null,
    attemptsLog: attemptsByMessage.get(message.id) ?? [],
  }));
  return { items, nextCursor };
}
