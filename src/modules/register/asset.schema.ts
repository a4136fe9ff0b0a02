import { z } from 'zod';
import { patchSchemaOf } from './patch-schema.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

export const ASSET_CATEGORIES = [
  'facility',
  'equipment',
  'transport',
  'cloud-service',
  'server',
  'database',
  'storage',
  'network',
  'application',
  'saas',
  'endpoint',
  'other',
] as const;
export const ENVIRONMENTS = ['production', 'staging', 'development', 'corporate'] as const;
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;
export const DATA_CLASSIFICATIONS = ['confidential', 'internal', 'public'] as const;
export const LIFECYCLE_STATUSES = [
  'requested',
  'provisioning',
  'verified',
  'in-service',
  'decommissioning',
  'decommissioned',
] as const;
/** Roles that can own infrastructure; auditors and viewers cannot. */
export const OWNER_ROLES = ['engineering', 'security', 'quality', 'admin'] as const;

export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type Criticality = (typeof CRITICALITIES)[number];
export type OwnerRole = (typeof OWNER_ROLES)[number];

const RESERVED_KEYS = new Set(['new', 'import', 'export', 'export.csv', 'history']);

export const registerKeySchema = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'use lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
  )
  // These words name pages and actions in URLs (/assets/new, /assets/export.csv).
  .refine((key) => !RESERVED_KEYS.has(key), 'is a reserved word; choose another key');

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40, 'a tag must be at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'tags use lower-case letters, digits and . _ : -');

const isoDateSchema = isoCalendarDate();
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** The editable fields of an asset, as the API and the CSV import accept them. */
const assetFieldsSchema = z.object({
  name: text(200).min(1, 'is required'),
  category: z.enum(ASSET_CATEGORIES),
  purpose: text(2000).default(''),
  supplierKey: registerKeySchema
    .nullable()
    .default(null)
    .describe('Key of the supplier providing it'),
  thirdPartyManaged: z.boolean().default(false),
  environment: z.enum(ENVIRONMENTS),
  configurationReference: text(500).default('').describe('IaC path, version or baseline'),
  ownerRole: z.enum(OWNER_ROLES),
  ownerPerson: text(254).default('').describe('E-mail of the accountable person'),
  criticality: z.enum(CRITICALITIES),
  criticalityRationale: text(2000).default(''),
  dataClassification: z.enum(DATA_CLASSIFICATIONS),
  region: text(100).default(''),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES).default('in-service'),
  tags: z.array(tagSchema).max(30, 'at most 30 tags').default([]),
  acceptanceCriteria: text(4000).default('').describe('What "fit for purpose" means for it'),
  lastReviewedOn: isoDateSchema.nullable().default(null),
  nextReviewDueOn: isoDateSchema.nullable().default(null),
});

/** A risk-based register needs a reason for every high rating. */
function requireRationale(
  value: { criticality?: Criticality | undefined; criticalityRationale?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (
    (value.criticality === 'critical' || value.criticality === 'high') &&
    !value.criticalityRationale
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['criticalityRationale'],
      message: `is required when criticality is ${value.criticality}`,
    });
  }
}

export const assetInputSchema = assetFieldsSchema
  .extend({ key: registerKeySchema })
  .superRefine(requireRationale);
export type AssetInput = z.infer<typeof assetInputSchema>;

export const assetPatchSchema = patchSchemaOf(assetFieldsSchema)
  .extend({
    expectedVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Refuse the change if the asset has moved on'),
  })
  .refine(
    (patch) => Object.keys(patch).some((k) => k !== 'expectedVersion'),
    'name at least one field to change',
  );
export type AssetPatch = z.infer<typeof assetPatchSchema>;

export const assetViewSchema = assetFieldsSchema.extend({
  id: z.uuid(),
  key: z.string(),
  supplierKey: z.string().nullable(),
  supplierName: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssetView = z.infer<typeof assetViewSchema>;

export const listAssetsQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe('Search key, name and purpose'),
  category: z.enum(ASSET_CATEGORIES).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES).optional(),
  ownerRole: z.enum(OWNER_ROLES).optional(),
  supplier: registerKeySchema.optional(),
  tag: tagSchema.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe('nextCursor of the previous page (keyset, in key order); omit for the first page'),
});
export type ListAssetsQuery = z.infer<typeof listAssetsQuerySchema>;
