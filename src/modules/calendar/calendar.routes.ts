import { Readable } from 'node:stream';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import type { AppContext } from '../../platform/context.js';
import {
  calendarFeedParamsSchema,
  calendarFeedViewSchema,
  createdCalendarFeedSchema,
} from './calendar-feed.schema.js';
import {
  createCalendarFeed,
  getCalendarFeed,
  revokeCalendarFeed,
} from './calendar-feed.service.js';
import { readCalendarFeed } from './read-calendar-feed.js';

/**
 * A person's calendar feed (docs/calendar.md): made, rotated and revoked by its owner while signed
 * in; read by a calendar app through the secret in its URL, which is the feed's only credential.
 */
export function registerCalendarRoutes(api: Api, ctx: AppContext): void {
  // Whoever reads work may subscribe to their role's; each person manages only their own feed.
  const own = { access: { permission: 'work:read' as const } };
  api.get('/api/v1/calendar/feed', {
    config: own,
    schema: {
      tags: ['work'],
      summary: 'Whether you have a calendar feed URL in use (its secret is never shown again)',
      response: { 200: calendarFeedViewSchema },
    },
    handler: async (request) => getCalendarFeed(ctx, requirePrincipal(request).actor),
  });
  api.post('/api/v1/calendar/feed', {
    config: own,
    schema: {
      tags: ['work'],
      summary:
        'Make your calendar feed URL (iCalendar of your role’s work to do); any URL you had before stops working',
      response: { 201: createdCalendarFeedSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createCalendarFeed(ctx, requirePrincipal(request).actor)),
  });
  api.delete('/api/v1/calendar/feed', {
    config: own,
    schema: {
      tags: ['work'],
      summary: 'Revoke your calendar feed URL',
      response: { 200: calendarFeedViewSchema },
    },
    handler: async (request) => revokeCalendarFeed(ctx, requirePrincipal(request).actor),
  });
  api.get('/api/v1/calendar/feeds/:token', {
    // A calendar app sends no header or cookie: the secret in the URL is the credential.
    config: { access: 'public' },
    schema: {
      tags: ['work'],
      summary:
        'The iCalendar (RFC 5545) feed of a feed URL: its owner’s role’s work to do and the work assigned to them, two months back to four ahead',
      params: calendarFeedParamsSchema,
    },
    handler: async (request, reply) =>
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(Readable.from(await readCalendarFeed(ctx, request.params.token))),
  });
}
