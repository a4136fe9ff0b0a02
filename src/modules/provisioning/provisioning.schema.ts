import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { attachmentViewSchema } from '../attachments/attachment.schema.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { patchSchemaOf } from '../register/patch-schema.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { signingProofField } from '../signatures/signature-credentials.schema.js';

export const PROVISIONING_STATUSES = ['requested', 'approved', 'provisioning', 'verified'] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

export const DECOMMISSIONING_STATUSES = ['draft', 'signed'] as const;
export type DecommissioningStatus = (typeof DECOMMISSIONING_STATUSES)[number];

export const DATA_DISPOSITIONS = ['migrated', 'archived', 'nothing-retained'] as const;
/** NIST SP 800-88 media sanitisation methods. */
export const SANITISATION_METHODS = ['clear', 'purge', 'destroy'] as const;

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `must be at most ${max} characters`);

/** Re-authentication of the signer: the password, or a TOTP code of the signer's authenticator. */
const signingFields = {
  password: z.string().min(1).max(1000).optional(),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, 'must be 6 digits')
    .optional(),
  signingProof: signingProofField,
};

export const createProvisioningRequestSchema = z.object({
  asset: registerKeySchema.describe('Key of the asset to provision (usually `requested`)'),
  purpose: text(4000),
  requirements: text(10_000),
  securityConsiderations: text(10_000),
  acceptanceCriteria: z
    .array(text(2000))
    .min(1, 'name at least one acceptance criterion')
    .max(50, 'at most 50 acceptance criteria'),
  configurationReference: text(500).describe('IaC path, module, version or baseline to build from'),
});
export type CreateProvisioningRequest = z.infer<typeof createProvisioningRequestSchema>;

export const approvalBodySchema = z.object({
  note: optionalText(4000).default(''),
  ...signingFields,
});

export const criterionVerificationBodySchema = z.object({
  observation: text(10_000).describe('What was checked and what was seen'),
  ...signingFields,
});

export const criterionViewSchema = z.object({
  position: z.number().int(),
  criterion: z.string(),
  observation: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  signatureId: z.uuid().nullable(),
});

export const provisioningRequestViewSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  asset: z.object({ key: z.string(), name: z.string(), lifecycleStatus: z.string() }),
  status: z.enum(PROVISIONING_STATUSES),
  purpose: z.string(),
  requirements: z.string(),
  securityConsiderations: z.string(),
  configurationReference: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvalSignatureId: z.uuid().nullable(),
  startedAt: z.string().nullable(),
  implementedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type ProvisioningRequestView = z.infer<typeof provisioningRequestViewSchema>;

export const provisioningRequestDetailSchema = provisioningRequestViewSchema.extend({
  acceptanceCriteria: z.array(criterionViewSchema),
  evidence: z.array(attachmentViewSchema),
  abilities: z.object({
    approve: abilitySchema,
    start: abilitySchema,
    verifyCriteria: abilitySchema,
    attachEvidence: abilitySchema,
  }),
});
export type ProvisioningRequestDetail = z.infer<typeof provisioningRequestDetailSchema>;

export const listProvisioningRequestsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional(),
  status: z.enum(PROVISIONING_STATUSES).optional(),
});
export type ListProvisioningRequestsQuery = z.infer<typeof listProvisioningRequestsQuerySchema>;
export const provisioningRequestPageSchema = pageSchema(provisioningRequestViewSchema);

const decommissioningFields = {
  retentionDecision: text(10_000).describe(
    'The retention review: which records the system holds, how long each must be kept, what is kept',
  ),
  dataDisposition: z.enum(DATA_DISPOSITIONS),
  dataLocation: optionalText(1000)
    .default('')
    .describe('Where migrated or archived data now lives; required unless nothing is retained'),
  sanitisationMethod: z
    .enum(SANITISATION_METHODS)
    .describe('NIST SP 800-88: clear, purge or destroy'),
  sanitisationReference: optionalText(1000)
    .default('')
    .describe('Certificate of sanitisation or destruction, or the ticket holding it'),
  accessRemoved: z.boolean().default(false),
  dnsRemoved: z.boolean().default(false),
  certificatesRemoved: z.boolean().default(false),
  monitoringRemoved: z.boolean().default(false),
  shutDownAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When it was shut down; default now'),
};

function requireLocation(
  value: { dataDisposition?: string | undefined; dataLocation?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (
    value.dataDisposition !== undefined &&
    value.dataDisposition !== 'nothing-retained' &&
    !value.dataLocation
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['dataLocation'],
      message: `is required when the data is ${value.dataDisposition}`,
    });
  }
}

export const createDecommissioningRecordSchema = z
  .object({ asset: registerKeySchema, ...decommissioningFields })
  .superRefine(requireLocation);
export type CreateDecommissioningRecord = z.infer<typeof createDecommissioningRecordSchema>;

export const updateDecommissioningRecordSchema = patchSchemaOf(z.object(decommissioningFields))
  .superRefine(requireLocation)
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type UpdateDecommissioningRecord = z.infer<typeof updateDecommissioningRecordSchema>;

export const signDecommissioningBodySchema = z.object({
  note: optionalText(4000).default(''),
  ...signingFields,
});

export const decommissioningRecordViewSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  asset: z.object({ key: z.string(), name: z.string(), lifecycleStatus: z.string() }),
  status: z.enum(DECOMMISSIONING_STATUSES),
  retentionDecision: z.string(),
  dataDisposition: z.enum(DATA_DISPOSITIONS),
  dataLocation: z.string(),
  sanitisationMethod: z.enum(SANITISATION_METHODS),
  sanitisationReference: z.string(),
  accessRemoved: z.boolean(),
  dnsRemoved: z.boolean(),
  certificatesRemoved: z.boolean(),
  monitoringRemoved: z.boolean(),
  shutDownAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signatureId: z.uuid().nullable(),
});
export type DecommissioningRecordView = z.infer<typeof decommissioningRecordViewSchema>;

export const decommissioningRecordDetailSchema = decommissioningRecordViewSchema.extend({
  /** What still stands between the record and its signature; empty when it can be signed. */
  missing: z.array(z.string()),
  evidence: z.array(attachmentViewSchema),
  abilities: z.object({ sign: abilitySchema, edit: abilitySchema, attachEvidence: abilitySchema }),
});
export type DecommissioningRecordDetail = z.infer<typeof decommissioningRecordDetailSchema>;

export const listDecommissioningRecordsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional(),
  status: z.enum(DECOMMISSIONING_STATUSES).optional(),
});
export type ListDecommissioningRecordsQuery = z.infer<typeof listDecommissioningRecordsQuerySchema>;
export const decommissioningRecordPageSchema = pageSchema(decommissioningRecordViewSchema);
