import { z } from 'zod';

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

export const listAuditEventsQuerySchema = z.object({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(200).optional(),
  beforeSeq: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Page backwards from this sequence number'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;

export const auditChainReportSchema = z.object({
  valid: z.boolean(),
  eventCount: z.number(),
  headHash: z.string(),
  firstBroken: z.object({ seq: z.string(), reason: z.string() }).nullable(),
});
