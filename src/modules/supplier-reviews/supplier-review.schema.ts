import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { attachmentViewSchema } from '../attachments/attachment.schema.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { signingProofField } from '../signatures/signature-credentials.schema.js';
import { isoCalendarDate, isoInstant } from '../../platform/time/iso-instant.js';

/** What was reviewed: an assurance report or a certificate the supplier provided. */
export const REPORT_KINDS = ['soc2-type-1', 'soc2-type-2', 'iso-certificate', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The auditor's opinion in the report; a certificate has none (`not-applicable`). */
export const OPINIONS = [
  'unqualified',
  'qualified',
  'adverse',
  'disclaimer',
  'not-applicable',
] as const;
export type Opinion = (typeof OPINIONS)[number];

export const DECISIONS = ['approved', 'approved_with_conditions', 'not_approved'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A review is worked on as a draft and becomes a record when its reviewer signs the decision. */
export const REVIEW_STATUSES = ['draft', 'signed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What can happen to a supplier over time, besides its reviews. */
export const SUPPLIER_EVENT_KINDS = [
  'service-report',
  'incident',
  'certificate',
  'review',
  'note',
] as const;
export type SupplierEventKind = (typeof SUPPLIER_EVENT_KINDS)[number];

/** The evidence_attachments record type of a review's files (its report or certificate). */
export const SUPPLIER_REVIEW_RECORD = 'supplier-review';
/** The evidence_attachments record type of a timeline entry's files (service reports…). */
export const SUPPLIER_EVENT_RECORD = 'supplier-event';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const isoDate = isoCalendarDate();
const isoDateTime = isoInstant('must be an ISO 8601 date-time with offset');

const reportFieldsSchema = z.object({
  reportKind: z.enum(REPORT_KINDS),
  reportTitle: text(300)
    .min(1, 'is required')
    .describe('e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026"'),
  periodFrom: isoDate.nullable().default(null).describe('First day the report covers'),
  periodTo: isoDate.nullable().default(null).describe('Last day the report covers'),
  opinion: z.enum(OPINIONS),
  exceptions: text(20_000).default('').describe('Exceptions the report notes; empty when none'),
  bridgeLetterThrough: isoDate
    .nullable()
    .default(null)
    .describe("The day a bridge letter extends the report's assurance to, when there is one"),
  findings: text(20_000).default('').describe("The reviewer's findings"),
  nextReviewDue: isoDate.nullable().default(null),
});

const periodInOrder = (value: { periodFrom?: string | null; periodTo?: string | null }) =>
  !value.periodFrom || !value.periodTo || value.periodFrom <= value.periodTo;
const periodIssue = { path: ['periodTo'], message: 'must not be before periodFrom' };

export const createReviewBodySchema = reportFieldsSchema
  .extend({
    cuecs: z
      .array(text(2000).min(1, 'is required'))
      .max(200)
      .default([])
      .describe('The complementary user-entity controls the report names, one text each'),
  })
  .refine(periodInOrder, periodIssue);
export type CreateReviewBody = z.infer<typeof createReviewBodySchema>;

export const updateReviewBodySchema = reportFieldsSchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change')
  .refine(periodInOrder, periodIssue);
export type UpdateReviewBody = z.infer<typeof updateReviewBodySchema>;

export const addCuecBodySchema = z.object({ text: text(2000).min(1, 'is required') });

export const checkCuecBodySchema = z.object({
  inPlace: z.boolean().describe('Whether the organisation operates this control'),
  comment: text(4000).default('').describe('How it is operated, or what is missing'),
});
export type CheckCuecBody = z.infer<typeof checkCuecBodySchema>;

export const signReviewBodySchema = z
  .object({
    decision: z.enum(DECISIONS),
    conditions: text(10_000)
      .default('')
      .describe('Required when the decision is approved_with_conditions'),
    nextReviewDue: isoDate.describe('When the supplier is reviewed next'),
    note: text(4000).default(''),
    password: z.string().min(1).max(1000).optional(),
    totpCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    signingProof: signingProofField,
  })
  .refine((body) => body.decision !== 'approved_with_conditions' || body.conditions !== '', {
    path: ['conditions'],
    message: 'is required when the decision is approved_with_conditions',
  });
export type SignReviewBody = z.infer<typeof signReviewBodySchema>;

export const cuecViewSchema = z.object({
  position: z.number().int(),
  text: z.string(),
  inPlace: z.boolean().nullable().describe('null until checked'),
  comment: z.string(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type CuecView = z.infer<typeof cuecViewSchema>;

export const reviewViewSchema = reportFieldsSchema.extend({
  id: z.uuid(),
  supplier: z.object({ key: z.string(), name: z.string() }),
  status: z.enum(REVIEW_STATUSES),
  decision: z.enum(DECISIONS).nullable(),
  conditions: z.string(),
  cuecCount: z.number().int(),
  cuecsChecked: z.number().int(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signatureId: z.uuid().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type ReviewView = z.infer<typeof reviewViewSchema>;

export const reviewDetailSchema = reviewViewSchema.extend({
  cuecs: z.array(cuecViewSchema),
  evidence: z.array(attachmentViewSchema),
  signature: z
    .object({
      signerLabel: z.string(),
      signerRole: z.string(),
      meaning: z.string(),
      method: z.string(),
      recordSha256: z.string(),
      signedAt: z.string(),
    })
    .nullable(),
  abilities: z.object({ edit: abilitySchema, sign: abilitySchema }),
});
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

export const listReviewsQuerySchema = pageQuerySchema.extend({
  supplier: registerKeySchema.optional().describe('Only this supplier'),
  status: z.enum(REVIEW_STATUSES).optional(),
});
export type ListReviewsQuery = z.infer<typeof listReviewsQuerySchema>;
export const reviewPageSchema = pageSchema(reviewViewSchema);

export const addSupplierEventBodySchema = z.object({
  kind: z.enum(['service-report', 'incident', 'note']),
  title: text(300).min(1, 'is required'),
  detail: text(20_000).default(''),
  at: isoDateTime.optional().describe('When it happened; default now'),
  incidentId: z.uuid().optional().describe('The incident, for kind incident'),
});
export type AddSupplierEventBody = z.infer<typeof addSupplierEventBodySchema>;

export const supplierEventViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(SUPPLIER_EVENT_KINDS),
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  incidentId: z.uuid().nullable(),
  reviewId: z.uuid().nullable(),
  evidence: z.array(attachmentViewSchema),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type SupplierEventView = z.infer<typeof supplierEventViewSchema>;
export const listSupplierEventsQuerySchema = pageQuerySchema;
export const supplierEventPageSchema = pageSchema(supplierEventViewSchema);

export const recordCertificateBodySchema = z.object({
  name: text(200).min(1, 'is required').describe('e.g. SOC 2 Type II, ISO/IEC 27001'),
  expiresOn: isoDate.describe('The new certificate or report expires at the end of this day'),
  note: text(4000).default(''),
});
export type RecordCertificateBody = z.infer<typeof recordCertificateBodySchema>;

export const supplierCertificateViewSchema = z.object({
  name: z.string(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
  renewal: z
    .object({
      occurrenceId: z.uuid(),
      expiresOn: z.string().describe('The expiry the renewal was opened for'),
      openedAt: z.string(),
      renewedAt: z.string().nullable(),
      renewedExpiresOn: z.string().nullable(),
    })
    .nullable()
    .describe('The latest renewal occurrence opened for this certification'),
});
export const supplierCertificatesSchema = z.object({
  items: z.array(supplierCertificateViewSchema),
});
