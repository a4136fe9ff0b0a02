import { z } from 'zod';
import { OWNER_ROLES, registerKeySchema } from './asset.schema.js';
import { patchSchemaOf } from './patch-schema.js';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

const processFieldsSchema = z.object({
  name: text(200).min(1, 'is required'),
  description: text(4000).default(''),
  ownerRole: z.enum(OWNER_ROLES),
  affectsConformity: z
    .boolean()
    .describe('Does this process affect product or service conformity?'),
});
export const processInputSchema = processFieldsSchema.extend({ key: registerKeySchema });
export type ProcessInput = z.infer<typeof processInputSchema>;
export const processPatchSchema = patchSchemaOf(processFieldsSchema).refine(
  (patch) => Object.keys(patch).length > 0,
  'name at least one field to change',
);
export type ProcessPatch = z.infer<typeof processPatchSchema>;

export const processViewSchema = processFieldsSchema.extend({
  id: z.uuid(),
  key: z.string(),
  assetCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProcessView = z.infer<typeof processViewSchema>;

/** One row of the process-to-infrastructure matrix. */
const matrixFieldsSchema = z.object({
  conformityImpact: text(2000)
    .min(1, 'is required')
    .describe('What fails if this infrastructure breaks'),
  controlMethod: text(2000)
    .min(1, 'is required')
    .describe('Maintenance schedule, service contract, monitoring, backup…'),
  evidenceLocation: text(1000)
    .min(1, 'is required')
    .describe('System of record holding the evidence'),
});
export const matrixRowInputSchema = matrixFieldsSchema.extend({
  processKey: registerKeySchema,
  assetKey: registerKeySchema,
});
export type MatrixRowInput = z.infer<typeof matrixRowInputSchema>;
export const matrixRowPatchSchema = matrixFieldsSchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type MatrixRowPatch = z.infer<typeof matrixRowPatchSchema>;

export const matrixRowViewSchema = matrixFieldsSchema.extend({
  id: z.uuid(),
  processKey: z.string(),
  processName: z.string(),
  processOwnerRole: z.string(),
  affectsConformity: z.boolean(),
  assetKey: z.string(),
  assetName: z.string(),
  assetCategory: z.string(),
  assetCriticality: z.string(),
  assetOwnerRole: z.string(),
  thirdPartyManaged: z.boolean(),
});
export type MatrixRowView = z.infer<typeof matrixRowViewSchema>;

export const matrixQuerySchema = z.object({
  process: registerKeySchema.optional(),
  asset: registerKeySchema.optional(),
});
