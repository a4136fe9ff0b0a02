import { z } from 'zod';
import { auditCheckpointClaimSchema } from './audit-checkpoint.schema.js';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';

export const auditEventViewSchema = z.object({
  seq: z.string(),
  id: z.string(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z
    .string()
    .describe('Who acted as recorded then: an e-mail, a token name or plumbline'),
  actorName: z
    .string()
    .nullable()
    .describe("The acting person's display name now, when the actor is a person; null otherwise"),
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

/** Why the chain is not intact, or null when it is. */
export const auditTrailProblemSchema = z.enum([
  'broken_link',
  'missing_tail',
  'checkpoint_mismatch',
  'checkpoint_signature_invalid',
]);
export type AuditTrailProblem = z.infer<typeof auditTrailProblemSchema>;

/** Where a checkpoint was read from: its table, the data directory's file, or the command line. */
const checkpointSourceSchema = z.enum(['database', 'file', 'given']);
export type AuditCheckpointSource = z.infer<typeof checkpointSourceSchema>;

/** `audit verify`: the chain's links, and the chain held against its newest signed checkpoint. */
export const auditChainReportSchema = z.object({
  intact: z
    .boolean()
    .describe('Every link recomputes and the chain reaches every checkpoint with its hash'),
  problem: auditTrailProblemSchema.nullable(),
  valid: z.boolean().describe('Every stored link recomputes (says nothing about missing events)'),
  eventCount: z.number(),
  lastSeq: z.string().describe('Sequence number of the newest stored event ("0" when none)'),
  headHash: z.string(),
  firstBroken: z.object({ seq: z.string(), reason: z.string() }).nullable(),
  checkpoint: auditCheckpointClaimSchema
    .extend({ source: checkpointSourceSchema })
    .nullable()
    .describe('The newest checkpoint whose signature verifies, the chain compared against it'),
  rejectedCheckpoints: z
    .array(
      z.object({ seq: z.string().nullable(), source: checkpointSourceSchema, reason: z.string() }),
    )
    .describe('Checkpoints whose signature does not verify'),
  message: z.string().describe('One sentence for people'),
});
export type AuditChainReport = z.infer<typeof auditChainReportSchema>;
