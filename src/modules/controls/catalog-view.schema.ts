import { z } from 'zod';
import { OWNER_ROLES } from '../register/asset.schema.js';
import {
  cadenceSchema,
  controlKeySchema,
  evaluationSchema,
  evidenceExpectedSchema,
  FRAMEWORK_KINDS,
  frameworkKeySchema,
  requirementKeySchema,
  scopeSchema,
  slaSchema,
} from './catalog.schema.js';

/** What the API shows of frameworks, requirements and controls, and of plans and applies. */

const retiredAt = z
  .string()
  .nullable()
  .describe('When the object left the catalogue; null while it is part of it');

export const frameworkSummarySchema = z.object({
  key: z.string(),
  title: z.string(),
  kind: z.enum(FRAMEWORK_KINDS),
  issuer: z.string(),
  edition: z.string(),
  description: z.string(),
  requirementCount: z.number().describe('Requirements currently in the framework'),
  unmappedRequirementCount: z.number().describe('Current requirements no current control maps to'),
  version: z.number(),
  retiredAt,
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const controlReferenceSchema = z.object({
  key: z.string(),
  title: z.string(),
  critical: z.boolean(),
  evaluation: z
    .string()
    .describe(
      'How it is decided: automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual',
    ),
});

export const requirementViewSchema = z.object({
  key: z.string(),
  reference: z.string().describe('The clause reference within its framework, e.g. 7.1.3'),
  title: z.string(),
  summary: z.string(),
  version: z.number(),
  retiredAt,
  controls: z.array(controlReferenceSchema).describe('Current controls that map to it'),
});

export const frameworkViewSchema = frameworkSummarySchema.extend({
  requirements: z.array(requirementViewSchema),
});
export type FrameworkView = z.infer<typeof frameworkViewSchema>;

export const controlSummarySchema = z.object({
  key: z.string(),
  title: z.string(),
  theme: z.string(),
  ownerRole: z.enum(OWNER_ROLES),
  critical: z.boolean(),
  perAsset: z.boolean(),
  schedule: z.string().describe('The cadence or SLA in words'),
  evaluation: z
    .string()
    .describe(
      'How it is decided: automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual',
    ),
  requirements: z.array(z.string()),
  version: z.number(),
  retiredAt,
});
export type ControlSummary = z.infer<typeof controlSummarySchema>;

export const controlViewSchema = z.object({
  key: z.string(),
  title: z.string(),
  theme: z.string(),
  objective: z.string(),
  ownerRole: z.enum(OWNER_ROLES),
  critical: z.boolean(),
  perAsset: z.boolean(),
  scope: scopeSchema.nullable(),
  cadence: cadenceSchema.nullable(),
  sla: slaSchema.nullable(),
  schedule: z.string(),
  evaluation: evaluationSchema.describe('As the catalogue declares it'),
  automation: z
    .string()
    .describe(
      'How it is decided: automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual (work orders)',
    ),
  checklist: z.array(z.string()),
  evidenceExpected: z.array(evidenceExpectedSchema),
  requirements: z.array(
    z.object({ key: z.string(), framework: z.string(), title: z.string(), retiredAt }),
  ),
  version: z.number(),
  contentHash: z.string().describe('SHA-256 of the control content at this version'),
  retiredAt,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ControlView = z.infer<typeof controlViewSchema>;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1'));

export const listFrameworksQuerySchema = z.object({
  includeRetired: booleanQuery.describe('Also list retired frameworks'),
});

export const listControlsQuerySchema = z.object({
  theme: z.string().max(60).optional(),
  ownerRole: z.enum(OWNER_ROLES).optional(),
  framework: frameworkKeySchema.optional().describe('Controls mapping a requirement of it'),
  requirement: requirementKeySchema.optional().describe('Controls mapping this requirement'),
  critical: booleanQuery,
  includeRetired: booleanQuery.describe('Also list retired controls'),
});
export type ListControlsQuery = z.infer<typeof listControlsQuerySchema>;

export const frameworkKeyParamsSchema = z.object({ key: frameworkKeySchema });
export const controlKeyParamsSchema = z.object({ key: controlKeySchema });

const fieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
const planEntrySchema = z.object({
  key: z.string(),
  title: z.string(),
  changes: z.array(fieldChangeSchema).describe('Field by field, for changed objects'),
});
const planSectionSchema = z.object({
  added: z.array(planEntrySchema),
  changed: z.array(planEntrySchema),
  retired: z.array(planEntrySchema),
  unchanged: z.number(),
});
export const catalogPlanSchema = z.object({
  empty: z.boolean().describe('True when applying would change nothing'),
  catalogHash: z.string(),
  frameworks: planSectionSchema,
  requirements: planSectionSchema,
  controls: planSectionSchema,
});

export const applyResultSchema = z.object({
  applied: z.boolean().describe('False when the catalogue already matched and nothing was written'),
  revision: z.number().nullable().describe('The catalogue revision recorded by this apply'),
  plan: catalogPlanSchema,
});
