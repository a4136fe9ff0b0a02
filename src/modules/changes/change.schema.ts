import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { attachmentViewSchema } from '../attachments/attachment.schema.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import {
  hasOneCredential,
  missingCredentialIssue,
  signatureCredentialFields,
} from '../signatures/signature-credentials.schema.js';
import { CHANGE_RISKS, CHANGE_STATUSES, CHANGE_TYPES } from './change-status.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

/** Where a change record came from: a person, or a delivery pipeline's merged pull request. */
export const CHANGE_SOURCES = ['manual', 'github-pull-request'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export const VERIFICATION_OUTCOMES = ['as-intended', 'rolled-back'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDateTime = isoInstant();

export const formatChangeNumber = (n: number) => `CHG-${String(n).padStart(4, '0')}`;

export const createChangeBodySchema = z
  .object({
    title: text(300),
    description: text(20_000),
    type: z
      .enum(CHANGE_TYPES)
      .describe('standard, normal or emergency (may be approved afterwards)'),
    risk: z.enum(CHANGE_RISKS),
    conformityImpact: text(10_000).describe(
      'How the change could affect product or service conformity',
    ),
    testSummary: z
      .string()
      .trim()
      .max(20_000)
      .default('')
      .describe('How it was tested; attach the test evidence files to the change'),
    rollbackPlan: text(20_000),
    assets: z.array(z.string().min(1).max(200)).min(1).max(100).describe('Affected asset keys'),
    plannedStart: isoDateTime.optional().describe('Start of the planned window'),
    plannedEnd: isoDateTime.optional().describe('End of the planned window'),
  })
  .refine((body) => (body.plannedStart === undefined) === (body.plannedEnd === undefined), {
    message: 'give both ends of the planned window, or neither',
    path: ['plannedEnd'],
  })
  .refine((body) => !body.plannedStart || !body.plannedEnd || body.plannedStart < body.plannedEnd, {
    message: 'must be after plannedStart',
    path: ['plannedEnd'],
  });
export type CreateChangeBody = z.infer<typeof createChangeBodySchema>;

export const approveChangeBodySchema = z
  .object({ ...signatureCredentialFields, note: z.string().trim().max(4000).default('') })
  .refine(hasOneCredential, missingCredentialIssue);

export const verifyChangeBodySchema = z
  .object({
    ...signatureCredentialFields,
    outcome: z
      .enum(VERIFICATION_OUTCOMES)
      .describe('as-intended, or rolled-back when the change misbehaved'),
    note: text(4000).describe('What was checked, or why it was rolled back'),
  })
  .refine(hasOneCredential, missingCredentialIssue);

export const closeChangeBodySchema = z.object({ note: text(4000).describe('Why') });

const signedStepSchema = z.object({
  at: z.string(),
  by: z.string(),
  signatureId: z.uuid(),
});

export const changeViewSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.enum(CHANGE_TYPES),
  risk: z.enum(CHANGE_RISKS),
  conformityImpact: z.string(),
  testSummary: z.string(),
  rollbackPlan: z.string(),
  status: z.enum(CHANGE_STATUSES),
  source: z.enum(CHANGE_SOURCES),
  sourceRef: z.string().nullable().describe('The pull request URL, for a change from GitHub'),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  requester: z.string(),
  requestedAt: z.string(),
  assets: z.array(z.object({ key: z.string(), name: z.string() })),
  processes: z
    .array(z.object({ key: z.string(), name: z.string(), affectsConformity: z.boolean() }))
    .describe('Processes that depend on an affected asset (process-to-infrastructure matrix)'),
  approval: signedStepSchema.nullable(),
  implementedAt: z.string().nullable(),
  implementedBy: z.string().nullable(),
  approvalDueAt: z
    .string()
    .nullable()
    .describe(
      'Implementation; for an emergency change, the end of its retrospective approval time',
    ),
  verification: signedStepSchema
    .extend({ outcome: z.enum(VERIFICATION_OUTCOMES), note: z.string() })
    .nullable(),
  verificationDueAt: z.string().nullable().describe('48 hours after implementation'),
  approvedBeforeImplementation: z
    .boolean()
    .nullable()
    .describe('From the timestamps; null until it can be told'),
  verifiedWithin48h: z
    .boolean()
    .nullable()
    .describe('From the timestamps; null until it can be told'),
  closedAt: z.string().nullable().describe('When it was rejected or cancelled'),
  closedBy: z.string().nullable(),
  closingNote: z.string().nullable(),
});
export type ChangeView = z.infer<typeof changeViewSchema>;

export const CHANGE_EVENT_KINDS = ['pull_request', 'deployment_status', 'deploy'] as const;
export type ChangeEventKind = (typeof CHANGE_EVENT_KINDS)[number];

export const changeEventViewSchema = z.object({
  id: z.uuid(),
  deliveryId: z.string(),
  kind: z.enum(CHANGE_EVENT_KINDS),
  repository: z.string(),
  environment: z.string().nullable(),
  state: z.string().describe('merged, or the deployment state (success, failure…)'),
  reference: z.string().describe('The pull request URL or the deployed commit'),
  summary: z.string(),
  occurredAt: z.string(),
  change: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  assets: z.array(z.string()).describe('Keys of the assets the event was mapped to'),
  production: z.boolean().describe('A successful deployment to a production asset'),
  flagged: z.boolean().describe('A production deployment without an approved change covering it'),
  flagReason: z.string().nullable(),
  receivedAt: z.string(),
});
export type ChangeEventView = z.infer<typeof changeEventViewSchema>;

export const changeDetailSchema = changeViewSchema.extend({
  evidence: z.array(attachmentViewSchema).describe('Test evidence files'),
  events: z.array(changeEventViewSchema).describe('Delivery events linked to the change'),
  abilities: z.object({
    approve: abilitySchema,
    implement: abilitySchema,
    verify: abilitySchema,
    reject: abilitySchema,
    cancel: abilitySchema,
  }),
});
export type ChangeDetail = z.infer<typeof changeDetailSchema>;

export const listChangesQuerySchema = pageQuerySchema.extend({
  status: z.enum(CHANGE_STATUSES).optional(),
  type: z.enum(CHANGE_TYPES).optional(),
  asset: z.string().min(1).max(200).optional().describe('Only changes affecting this asset key'),
});
export type ListChangesQuery = z.infer<typeof listChangesQuerySchema>;
export const changePageSchema = pageSchema(changeViewSchema);

export const listChangeEventsQuerySchema = pageQuerySchema.extend({
  flagged: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: only production deployments without an approved change'),
});
export type ListChangeEventsQuery = z.infer<typeof listChangeEventsQuerySchema>;
export const changeEventPageSchema = pageSchema(changeEventViewSchema);

export const changeEventResultSchema = z.object({
  deliveryId: z.string().nullable().describe('Null when the event was ignored'),
  kind: z.enum(CHANGE_EVENT_KINDS).nullable(),
  alreadyRecorded: z.boolean().describe('The delivery id was received before: nothing changed'),
  ignored: z
    .string()
    .nullable()
    .describe(
      'Why the event records nothing (a pull request closed unmerged, a pending deployment)',
    ),
  event: changeEventViewSchema.nullable(),
});
export type ChangeEventResult = z.infer<typeof changeEventResultSchema>;
