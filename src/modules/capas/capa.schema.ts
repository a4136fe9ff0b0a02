import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { attachmentViewSchema } from '../attachments/attachment.schema.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { CAPA_ACTION_STATUSES, CAPA_STATUSES } from './capa-status.js';
import { signingProofField } from '../signatures/signature-credentials.schema.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

export const CAPA_KINDS = ['corrective', 'preventive'] as const;
export type CapaKind = (typeof CAPA_KINDS)[number];

/** How the root cause was found. */
export const ROOT_CAUSE_METHODS = ['five_whys', 'fishbone', 'fault_tree', 'other'] as const;
export type RootCauseMethod = (typeof ROOT_CAUSE_METHODS)[number];

export const CHECK_OUTCOMES = ['passed', 'failed'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const formatCapaNumber = (n: number): string => `CAPA-${String(n).padStart(4, '0')}`;

const text = (max: number, hint: string) => z.string().trim().min(1, hint).max(max);
const isoDate = isoCalendarDate();
const credentials = {
  password: z.string().min(1).max(1000).optional().describe("The signer's password"),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, 'must be 6 digits')
    .optional()
    .describe('Or a current authenticator code'),
  signingProof: signingProofField,
};

export const openCapaBodySchema = z.object({
  kind: z.enum(CAPA_KINDS).default('corrective'),
  title: text(300, 'give it a title'),
  nonconformanceIds: z
    .array(z.uuid('must be a UUID'))
    .min(1, 'link at least one nonconformance')
    .max(100)
    .describe('The nonconformances it answers'),
  ownerUserId: z.uuid().optional().describe('Who owns the CAPA; default the caller'),
  effectivenessCheckOn: isoDate.describe('When the effectiveness check is planned'),
  effectivenessCriteria: text(10_000, 'say how effectiveness will be judged'),
});
export type OpenCapaInput = z.infer<typeof openCapaBodySchema>;

export const rootCauseBodySchema = z.object({
  method: z.enum(ROOT_CAUSE_METHODS),
  text: text(100_000, 'write the analysis'),
});

export const addActionBodySchema = z.object({
  title: text(1000, 'say what is to be done'),
  ownerUserId: z.uuid('must be a UUID').describe('The person who does it'),
  dueOn: isoDate,
});
export type AddActionInput = z.infer<typeof addActionBodySchema>;

export const updateActionBodySchema = z.object({
  status: z.enum(CAPA_ACTION_STATUSES),
  note: z
    .string()
    .trim()
    .max(10_000)
    .optional()
    .describe('What was done; required when the status is done'),
});
export type UpdateActionInput = z.infer<typeof updateActionBodySchema>;

export const effectivenessCheckBodySchema = z.object({
  outcome: z.enum(CHECK_OUTCOMES),
  note: text(10_000, 'say what was checked and what was found'),
  ...credentials,
});

export const capaActionViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  ownerUserId: z.uuid(),
  ownerLabel: z.string(),
  dueOn: z.string(),
  overdue: z.boolean().describe('Still to do and past the end of its due date'),
  status: z.enum(CAPA_ACTION_STATUSES),
  completionNote: z.string().nullable(),
  completedAt: z.string().nullable(),
  evidence: z.array(attachmentViewSchema),
});
export type CapaActionView = z.infer<typeof capaActionViewSchema>;

export const capaViewSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('CAPA-0001'),
  kind: z.enum(CAPA_KINDS),
  title: z.string(),
  status: z.enum(CAPA_STATUSES),
  ownerUserId: z.uuid(),
  ownerLabel: z.string(),
  nonconformances: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string() })),
  rootCause: z
    .object({ method: z.enum(ROOT_CAUSE_METHODS), text: z.string() })
    .nullable()
    .describe('null until the analysis is recorded'),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  effectivenessCheck: z.object({
    plannedOn: z.string(),
    criteria: z.string(),
    outcome: z.enum(CHECK_OUTCOMES).nullable(),
    note: z.string().nullable(),
    checkedAt: z.string().nullable(),
    checkedBy: z.string().nullable(),
    signatureId: z.uuid().nullable(),
  }),
  slaOccurrenceId: z.uuid().nullable(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});
export type CapaView = z.infer<typeof capaViewSchema>;

export const capaDetailSchema = capaViewSchema.extend({
  actions: z.array(capaActionViewSchema),
  abilities: z.object({
    recordRootCause: abilitySchema,
    addAction: abilitySchema,
    signEffectivenessCheck: abilitySchema,
    close: abilitySchema,
  }),
});
export type CapaDetail = z.infer<typeof capaDetailSchema>;

export const listCapasQuerySchema = pageQuerySchema.extend({
  status: z.enum(CAPA_STATUSES).optional(),
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: not closed'),
  nonconformanceId: z.uuid().optional().describe('Only those linked to this nonconformance'),
});
export type ListCapasQuery = z.infer<typeof listCapasQuerySchema>;
export const capaPageSchema = pageSchema(capaViewSchema);
