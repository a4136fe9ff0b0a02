import type { AppContext } from '../../app/context.js';
import type {
  ListNotificationsQuery,
  NotificationStatus,
  NotificationView,
} from './notification.schema.js';
import { notificationsRepository } from './notifications.repository.js';

/**
 * The evidence that people were notified: queued messages, newest first, each with who it went
 * to, what it was about, and every delivery attempt with the mail server's answer.
 */
export async function listNotifications(
  ctx: Pick<AppContext, 'db'>,
  query: ListNotificationsQuery,
): Promise<NotificationView[]> {
  const messages = await notificationsRepository.listMessages(ctx.db, {
    category: query.category,
    recipient: query.recipient?.toLowerCase(),
    status: query.status,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    limit: query.limit,
  });
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
  return messages.map((message) => ({
    id: message.id,
    category: message.category,
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
}
