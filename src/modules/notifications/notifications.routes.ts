import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { pageSchema } from '../../platform/http/paging.js';
import { listNotifications } from './list-notifications.js';
import { getMailStatus } from './get-mail-status.js';
import {
  listNotificationsQuerySchema,
  mailStatusSchema,
  notificationViewSchema,
} from './notification.schema.js';
import { retryFailedNotifications } from './retry-failed-notifications.js';

/** Sent alerts and their delivery results, as evidence; requeueing what could not be delivered. */
export function registerNotificationRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/notifications', {
    config: { access: { permission: 'notifications:read' } },
    schema: {
      tags: ['notifications'],
      summary: 'Queued and sent e-mails with every delivery attempt, newest first (paged)',
      querystring: listNotificationsQuerySchema,
      response: { 200: pageSchema(notificationViewSchema) },
    },
    handler: async (request) => listNotifications(ctx, request.query),
  });
  api.get('/api/v1/notifications/mail-status', {
    config: { access: { permission: 'notifications:read' } },
    schema: {
      tags: ['notifications'],
      summary: 'Whether SMTP is configured (e-mail leaves at all) and what waits in the outbox',
      response: { 200: mailStatusSchema },
    },
    handler: async () => getMailStatus(ctx),
  });
  api.post('/api/v1/notifications/retry-failed', {
    config: { access: { permission: 'users:manage' } },
    schema: {
      tags: ['notifications'],
      summary: 'Queue again every e-mail that ran out of delivery attempts',
      response: { 200: z.object({ requeued: z.number() }) },
    },
    handler: async (request) => retryFailedNotifications(ctx, requirePrincipal(request).actor),
  });
}
