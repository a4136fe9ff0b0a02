import { attachmentViewSchema, type AttachmentView } from '../attachments/attachment.schema.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { z } from 'zod';
import {
  hasOneCredential,
  missingCredentialIssue,
  signatureCredentialFields,
} from '../signatures/signature-credentials.schema.js';
import { pageQuerySchema } from '../../platform/http/paging.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { assigneeFilterSchema } from '../occurrences/occurrence.schema.js';
import { assigneeSchema } from './work-assignment.js';

/** Where a work order stands. Preventive ones move with their occurrence's events. */
export const WORK_ORDER_STATUSES = ['open', 'in_progress', 'done', 'verified'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_KINDS = ['preventive', 'corrective'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const HISTORY_KINDS = [
  'created',
  'started',
  'evidence_added',
  'completed',
  'verified',
  'rejected',
  'overridden',
  'assigned',
  'unassigned',
] as const;
export type WorkOrderHistoryKind = (typeof HISTORY_KINDS)[number];

export const SIGNATURE_MEANINGS = ['verified', 'rejected'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];
export const SIGNATURE_METHODS = ['password', 'totp'] as const;
/** The meaning of the performer's signature on a closeout that overrides the source's facts. */
export const CLOSEOUT_OVERRIDE_MEANING = 'closeout-override';

export const workOrderViewSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('WO-000123'),
  kind: z.enum(WORK_ORDER_KINDS),
  status: z.enum(WORK_ORDER_STATUSES),
  title: z.string(),
  description: z.string(),
  occurrenceId: z.uuid().nullable(),
  controlKey: z.string().nullable(),
  assetKey: z.string().nullable(),
  ownerRole: z.string(),
  performerId: z.string().nullable(),
  performerLabel: z.string().nullable(),
  assignee: assigneeSchema,
  completedAt: z.string().nullable(),
  completionNote: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkOrderView = z.infer<typeof workOrderViewSchema>;

/** A work order's evidence files: the shared attachment view. */
export const evidenceViewSchema = attachmentViewSchema;
export type EvidenceView = AttachmentView;

/** What an automatic source recorded for a work order's occurrence (the backup controls). */
export const sourceFactsSchema = z.object({
  source: z.string().describe('The evaluation source, e.g. backup-runs'),
  assetKey: z.string(),
  window: z
    .object({ from: z.string(), to: z.string() })
    .describe("The occurrence's window the runs started in"),
  runs: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(['succeeded', 'failed', 'partial']),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
  openIncidents: z.array(
    z.object({ id: z.uuid(), kind: z.string(), summary: z.string(), beganAt: z.string() }),
  ),
  contradiction: z
    .string()
    .nullable()
    .describe(
      'Why a manual closeout contradicts these facts (a failed run and no success in the window): completing or verifying it needs a signed override',
    ),
});
export type SourceFacts = z.infer<typeof sourceFactsSchema>;

export const workOrderDetailSchema = workOrderViewSchema.extend({
  occurrence: z
    .object({
      id: z.uuid(),
      controlKey: z.string(),
      controlTitle: z.string(),
      periodKey: z.string(),
      assetKey: z.string(),
      dueAt: z.string(),
      status: z.enum(OCCURRENCE_STATUSES),
    })
    .nullable(),
  checklist: z.array(
    z.object({
      id: z.uuid(),
      position: z.number(),
      text: z.string(),
      done: z.boolean(),
      doneBy: z.string().nullable(),
      doneAt: z.string().nullable(),
    }),
  ),
  evidence: z.array(evidenceViewSchema),
  sourceFacts: sourceFactsSchema
    .nullable()
    .describe("The automatic source's facts for the occurrence; null for controls people decide"),
  abilities: z
    .object({
      verify: abilitySchema,
      reject: abilitySchema,
      complete: abilitySchema.describe(
        'Completing without an override: refused when the source facts contradict it',
      ),
      overrideContradiction: abilitySchema.describe(
        'Completing with a signed override (justification + re-authentication) despite the source facts',
      ),
    })
    .describe('What the caller may do with this work order now (the server decides the same way)'),
  signatures: z.array(
    z.object({
      id: z.uuid(),
      signerLabel: z.string(),
      meaning: z.enum([...SIGNATURE_MEANINGS, CLOSEOUT_OVERRIDE_MEANING]),
      signedAt: z.string(),
      method: z.enum(SIGNATURE_METHODS),
    }),
  ),
  history: z.array(
    z.object({
      kind: z.enum(HISTORY_KINDS),
      at: z.string(),
      actorLabel: z.string(),
      note: z.string(),
    }),
  ),
});
export type WorkOrderDetail = z.infer<typeof workOrderDetailSchema>;

export const listWorkOrdersQuerySchema = pageQuerySchema.extend({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.enum(WORK_ORDER_STATUSES)).optional())
    .describe('Comma-separated statuses, e.g. open,in_progress'),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('Only work I performed, that is assigned to me, or that my role owns'),
  kind: z.enum(WORK_ORDER_KINDS).optional(),
  assignee: assigneeFilterSchema,
});
export type ListWorkOrdersQuery = z.infer<typeof listWorkOrdersQuerySchema>;

export const createWorkOrderBodySchema = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(1).max(10_000),
  assetKey: registerKeySchema.optional(),
  controlKey: z.string().trim().min(1).max(80).optional(),
});
export type CreateWorkOrderInput = z.infer<typeof createWorkOrderBodySchema>;

const notApplicableJustification = z
  .string()
  .trim()
  .min(10, 'explain in at least 10 characters why this occurrence does not apply')
  .max(4000);

export const notApplicableBodySchema = z.object({ justification: notApplicableJustification });

/** At most one table page's worth of occurrences per bulk request. */
export const MAX_BULK_NOT_APPLICABLE = 200;

export const bulkNotApplicableBodySchema = z.object({
  occurrenceIds: z
    .array(z.uuid('must be a UUID'))
    .min(1, 'name at least one occurrence')
    .max(MAX_BULK_NOT_APPLICABLE, `at most ${MAX_BULK_NOT_APPLICABLE} occurrences per request`),
  justification: notApplicableJustification.describe(
    'One justification, recorded on every occurrence',
  ),
});

export const checklistPatchBodySchema = z.object({ done: z.boolean() });

export const completeBodySchema = z.object({
  note: z.string().trim().max(4000).default(''),
  override: z
    .object({
      ...signatureCredentialFields,
      justification: z
        .string()
        .trim()
        .min(20, 'explain in at least 20 characters why the closeout stands despite the facts')
        .max(4000),
    })
    .refine(hasOneCredential, missingCredentialIssue)
    .optional()
    .describe(
      'Only when the source facts contradict the closeout: a signed override (re-authentication) with its justification, listed as an exception in evidence packs',
    ),
});
export type CompleteWorkOrderInput = z.infer<typeof completeBodySchema>;

export const verifyBodySchema = z
  .object({ ...signatureCredentialFields, note: z.string().trim().max(4000).optional() })
  .refine(hasOneCredential, missingCredentialIssue);
export const rejectBodySchema = z
  .object({
    ...signatureCredentialFields,
    reason: z.string().trim().min(1, 'say why the closeout is rejected').max(4000),
  })
  .refine(hasOneCredential, missingCredentialIssue);

export const formatWorkOrderNumber = (number: number): string =>
  `WO-${String(number).padStart(6, '0')}`;
