import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/paging.js';
import { OUTBOX_PRIORITIES } from '../../platform/mail/outbox-priority.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant();

/** Delivery states of an outbox message: the closed set stored in `outbox_messages.status`. */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Kinds of alert the notification jobs queue (other modules may queue other categories). */
export const ALERT_CATEGORIES = ['reminder', 'overdue', 'escalation', 'digest'] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

export const listNotificationsQuerySchema = pageQuerySchema.extend({
  category: z.string().trim().min(1).max(100).optional().describe('e.g. reminder, overdue, digest'),
  recipient: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .describe('Exact e-mail address of the recipient'),
  status: z.enum(NOTIFICATION_STATUSES).optional().describe('Delivery state'),
  priority: z
    .enum(OUTBOX_PRIORITIES)
    .optional()
    .describe('urgent: alerts and invitations, sent at once; bulk: grouped, one e-mail an hour'),
  from: isoDateTime.optional().describe('Queued at or after this instant'),
  to: isoDateTime.optional().describe('Queued before this instant'),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const notificationViewSchema = z.object({
  id: z.uuid(),
  category: z.string(),
  priority: z.enum(OUTBOX_PRIORITIES),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().describe('Delivery attempts so far'),
  createdAt: z.string().describe('When it was queued'),
  sentAt: z.string().nullable().describe('When the mail server accepted it'),
  lastError: z.string().nullable(),
  related: z
    .object({ entityType: z.string(), entityId: z.string() })
    .nullable()
    .describe('What the message is about, e.g. an occurrence'),
  attemptsLog: z
    .array(z.object({ attemptedAt: z.string(), succeeded: z.boolean(), detail: z.string() }))
    .describe('Every delivery attempt with the mail server’s answer or error'),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** Whether e-mail can leave at all, and what is waiting: the admin banner and the outbox page. */
export const mailStatusSchema = z.object({
  smtpConfigured: z
    .boolean()
    .describe('False: PLUMBLINE_SMTP_URL is not set and no e-mail is sent; messages wait'),
  waiting: z
    .object({ urgent: z.number(), bulk: z.number() })
    .describe('Messages queued or being sent, by priority'),
  failed: z.number().describe('Messages that ran out of delivery attempts'),
  oldestWaitingSince: z.string().nullable().describe('When the oldest waiting message was queued'),
});
export type MailStatus = z.infer<typeof mailStatusSchema>;
