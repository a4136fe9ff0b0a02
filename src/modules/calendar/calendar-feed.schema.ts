import { z } from 'zod';

export const calendarFeedViewSchema = z.object({
  inUse: z.boolean().describe('Whether the person has a feed URL that works'),
  prefix: z
    .string()
    .nullable()
    .describe('First characters of the secret in the URL, to recognise it; null without a feed'),
  createdAt: z.string().nullable(),
});
export type CalendarFeedView = z.infer<typeof calendarFeedViewSchema>;

export const createdCalendarFeedSchema = z.object({
  url: z
    .string()
    .describe('The feed URL to subscribe to; shown this once, only a hash of its secret is kept'),
  feed: calendarFeedViewSchema,
});

export const calendarFeedParamsSchema = z.object({
  token: z.string().min(1).max(200).describe('The secret of the feed URL'),
});
