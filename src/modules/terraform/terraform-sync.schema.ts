import { z } from 'zod';
import { ENVIRONMENTS, OWNER_ROLES } from '../register/asset.schema.js';

const booleanQuery = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

export const terraformSyncQuerySchema = z.object({
  apply: booleanQuery.describe(
    'false (default): report the drift only; true: also create the missing assets as requested',
  ),
  environment: z
    .enum(ENVIRONMENTS)
    .default('production')
    .describe('Environment of the assets an apply creates'),
  ownerRole: z
    .enum(OWNER_ROLES)
    .default('engineering')
    .describe('Owner role of the assets an apply creates'),
});
export type TerraformSyncQuery = z.infer<typeof terraformSyncQuerySchema>;

export const driftReportSchema = z.object({
  dryRun: z.boolean(),
  applied: z.boolean().describe('Whether assets were created (an apply with something to create)'),
  state: z.object({
    terraformVersion: z.string(),
    serial: z.number().int(),
    lineage: z.string(),
  }),
  resources: z.number().int().describe('Managed resource instances in the state'),
  dataSourcesSkipped: z.number().int().describe('Data sources: read by Terraform, not managed'),
  created: z.number().int().describe('Assets created as requested (0 on a dry run)'),
  matched: z.array(
    z.object({
      address: z.string(),
      asset: z.string(),
      matchedBy: z.enum(['configuration-reference', 'tag']),
      lifecycleStatus: z.string(),
    }),
  ),
  resourcesWithoutAsset: z.array(
    z.object({
      address: z.string(),
      type: z.string(),
      proposedKey: z.string().describe('The key an apply gives the new asset'),
    }),
  ),
  assetsWithoutResource: z.array(
    z.object({ key: z.string(), name: z.string(), configurationReference: z.string() }),
  ),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
