import { z } from 'zod';
import { pageSchema } from '../../platform/http/paging.js';
import { frameworkKeySchema } from '../controls/catalog.schema.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

const isoDate = isoCalendarDate();

/** A framework and a period, as the pack request and the coverage view take them. */
export const packPeriodSchema = z
  .object({
    framework: frameworkKeySchema.describe('e.g. iso9001, iso13485, soc2, sop-018'),
    from: isoDate.describe('First day of the period (organisation time zone)'),
    to: isoDate.describe('Last day of the period, inclusive'),
  })
  .refine((period) => period.from <= period.to, {
    message: 'must not be before from',
    path: ['to'],
  });
export type PackPeriod = z.infer<typeof packPeriodSchema>;

export const PACK_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type PackState = (typeof PACK_STATES)[number];

export const packJobSchema = z.object({
  id: z.string(),
  framework: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(PACK_STATES),
  filesDone: z.number().describe('Files written into the pack so far'),
  filesTotal: z.number().describe('Files the pack will hold (known once the job runs)'),
  sizeBytes: z.number().nullable(),
  manifestSha256: z.string().nullable(),
  signingKeyFingerprint: z.string().nullable(),
  error: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  downloadUrl: z.string().nullable().describe('Present once the pack is done'),
});
export type PackJob = z.infer<typeof packJobSchema>;

export const packJobListSchema = pageSchema(packJobSchema);
export const packIdParamsSchema = z.object({ id: z.uuid() });

export const packPublicKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string().nullable().describe('null until the first pack creates the key'),
  fingerprint: z.string().nullable().describe('SHA-256 of the DER (SPKI) public key, hex'),
  createdAt: z.string().nullable(),
});

export const CONTROL_COVERAGE = ['covered', 'exceptions', 'not_applicable', 'no_evidence'] as const;
export type ControlCoverage = (typeof CONTROL_COVERAGE)[number];
export const REQUIREMENT_COVERAGE = ['covered', 'partial', 'gap'] as const;
export type RequirementCoverage = (typeof REQUIREMENT_COVERAGE)[number];

export const controlCoverageSchema = z.object({
  key: z.string(),
  title: z.string(),
  critical: z.boolean(),
  evaluation: z.string().describe('manual, or automatic:<source> when Plumbline evaluates it'),
  occurrences: z.number().describe('Occurrences due in the period'),
  notApplicable: z.number(),
  withExceptions: z.number(),
  missed: z.number(),
  coverage: z.enum(CONTROL_COVERAGE),
});
export type ControlCoverageView = z.infer<typeof controlCoverageSchema>;

export const requirementCoverageSchema = z.object({
  key: z.string(),
  reference: z.string(),
  title: z.string(),
  coverage: z.enum(REQUIREMENT_COVERAGE).describe('gap: no evidence at all in the period'),
  controls: z.array(controlCoverageSchema),
});
export type RequirementCoverageView = z.infer<typeof requirementCoverageSchema>;

export const frameworkCoverageSchema = z.object({
  framework: z.object({ key: z.string(), title: z.string() }),
  from: z.string(),
  to: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string(),
  counts: z.object({ covered: z.number(), partial: z.number(), gap: z.number() }),
  requirements: z.array(requirementCoverageSchema),
});
export type FrameworkCoverage = z.infer<typeof frameworkCoverageSchema>;
