import { z } from 'zod';
import { durationSchema } from '../controls/catalog.schema.js';
import { ASSET_CATEGORIES, registerKeySchema } from '../register/asset.schema.js';

/** What a policy covers: one asset, every asset with a tag, or every asset of a category. */
export const BACKUP_POLICY_SCOPE_KINDS = ['asset', 'tag', 'category'] as const;
export type BackupPolicyScopeKind = (typeof BACKUP_POLICY_SCOPE_KINDS)[number];

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40, 'a tag must be at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'tags use lower-case letters, digits and . _ : -');

export const backupPolicyScopeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('asset'), asset: registerKeySchema }),
    z.strictObject({ kind: z.literal('tag'), tag: tagSchema }),
    z.strictObject({ kind: z.literal('category'), category: z.enum(ASSET_CATEGORIES) }),
  ])
  .describe('{ kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category }');
export type BackupPolicyScope = z.infer<typeof backupPolicyScopeSchema>;

const unique = (values: string[]) => new Set(values).size === values.length;
const regionSchema = z
  .string()
  .trim()
  .min(1)
  .max(64, 'must be at most 64 characters')
  .describe('A region a copy must exist in, as the tools report it (eu-west-1)');

/** The targets a policy sets: how often, how long to keep, RPO/RTO, where copies must be. */
export const backupPolicySettingsSchema = z.object({
  incrementalEvery: durationSchema
    .nullable()
    .describe('An incremental (or any) backup at least this often; null when only fulls are taken'),
  fullEvery: durationSchema.nullable().describe('A full backup at least this often'),
  grace: durationSchema.describe('How late a backup may be before the window counts as missed'),
  retention: z
    .union([durationSchema, z.literal('indefinite')])
    .describe('How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned)'),
  rpo: durationSchema.describe('Recovery point objective: most data that may be lost'),
  rto: durationSchema.describe('Recovery time objective: longest a restore may take'),
  encryptionRequired: z.boolean(),
  offsiteRequired: z.boolean().describe('A copy away from the primary site is required'),
  requiredRegions: z
    .array(regionSchema)
    .max(20, 'at most 20 regions')
    .refine(unique, 'lists a region twice'),
  alertRecipients: z
    .array(z.email('must be an e-mail address'))
    .max(50, 'at most 50 recipients')
    .refine(unique, 'lists a recipient twice')
    .describe('Told about failed runs and missed windows, besides the asset owner role'),
});
export type BackupPolicySettings = z.infer<typeof backupPolicySettingsSchema>;

const nameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters');
const settingsShape = backupPolicySettingsSchema.shape;

/** A new policy: settings left out take the production-data default (docs/backups.md). */
export const createBackupPolicyBodySchema = z.strictObject({
  name: nameSchema,
  scope: backupPolicyScopeSchema,
  incrementalEvery: settingsShape.incrementalEvery.optional(),
  fullEvery: settingsShape.fullEvery.optional(),
  grace: settingsShape.grace.optional(),
  retention: settingsShape.retention.optional(),
  rpo: settingsShape.rpo.optional(),
  rto: settingsShape.rto.optional(),
  encryptionRequired: settingsShape.encryptionRequired.optional(),
  offsiteRequired: settingsShape.offsiteRequired.optional(),
  requiredRegions: settingsShape.requiredRegions.optional(),
  alertRecipients: settingsShape.alertRecipients.optional(),
});
export type CreateBackupPolicyBody = z.infer<typeof createBackupPolicyBodySchema>;

/** A change to a live policy. Its scope never changes: archive it and create another. */
export const updateBackupPolicyBodySchema = createBackupPolicyBodySchema
  .omit({ scope: true })
  .partial()
  .extend({
    expectedVersion: z
      .number()
      .int()
      .positive()
      .describe('The version the change was made against; a stale one is refused (409)'),
  })
  .refine(
    (patch) => Object.keys(patch).some((key) => key !== 'expectedVersion'),
    'name at least one field to change',
  );
export type UpdateBackupPolicyBody = z.infer<typeof updateBackupPolicyBodySchema>;

export const archiveBackupPolicyBodySchema = z
  .strictObject({ expectedVersion: z.number().int().positive().optional() })
  .optional();

export const backupPolicyViewSchema = backupPolicySettingsSchema.extend({
  id: z.uuid(),
  name: z.string(),
  scope: backupPolicyScopeSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type BackupPolicyView = z.infer<typeof backupPolicyViewSchema>;

export const listBackupPoliciesQuerySchema = z.object({
  includeArchived: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
});

/** Where an asset's effective policy comes from, most specific first. */
export const EFFECTIVE_POLICY_SOURCES = ['asset', 'tag', 'category', 'default', 'none'] as const;
export type EffectivePolicySource = (typeof EFFECTIVE_POLICY_SOURCES)[number];

export const effectiveBackupPolicySchema = z.object({
  assetKey: z.string(),
  source: z
    .enum(EFFECTIVE_POLICY_SOURCES)
    .describe('asset > tag > category > default (from the SOP) > none (no backup required)'),
  policyId: z.uuid().nullable().describe('The stored policy applied; null for a default'),
  policyName: z.string().nullable(),
  matched: z
    .string()
    .nullable()
    .describe(
      'The tag or category that matched, or the default applied (production-data, configuration)',
    ),
  settings: backupPolicySettingsSchema.nullable().describe('Null when no backup is required'),
});
export type EffectiveBackupPolicy = z.infer<typeof effectiveBackupPolicySchema>;
