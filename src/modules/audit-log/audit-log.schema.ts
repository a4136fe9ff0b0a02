import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';

export const auditEventViewSchema = z.object({
  seq: z.string(),
  id: z.string(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const listAuditEventsQuerySchema = pageQuerySchema.extend({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(200).optional(),
  beforeSeq: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Page backwards from this sequence number (kept for older clients; prefer cursor)'),
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;

/** The paging envelope, plus `nextBeforeSeq` for clients that page with `beforeSeq`. */
export const auditEventPageSchema = pageSchema(auditEventViewSchema).extend({
  nextBeforeSeq: z
    .string()
    .nullable()
    .describe('The same place as nextCursor, as a sequence number'),
});

export const auditChainReportSchema = z.object({
  valid: z.boolean(),
  eventCount: z.number(),
  headHash: z.string(),
  firstBroken: z.object({ seq: z.string(), reason: z.string() }).nullable(),
});
