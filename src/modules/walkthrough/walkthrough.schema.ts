import { z } from 'zod';
import { effectivenessRowSchema } from '../posture/posture.schema.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

const isoDate = isoCalendarDate();

export const walkthroughQuerySchema = z
  .object({
    from: isoDate.describe('First day of the period (organisation time zone)'),
    to: isoDate.describe('Last day of the period, inclusive'),
    format: z
      .enum(['json', 'html'])
      .default('json')
      .describe('html: a self-contained printable page'),
  })
  .refine((query) => query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });
export type WalkthroughQuery = z.infer<typeof walkthroughQuerySchema>;

/** What a walkthrough flags; docs/walkthrough.md defines each precisely. */
export const WALKTHROUGH_GAP_KINDS = [
  'no_evidence',
  'overdue_occurrence',
  'missed_occurrence',
  'unverified_closeout',
  'third_party_without_service_evidence',
  'backup_without_success',
  'open_nonconformance',
  'undecided_incident',
] as const;
export type WalkthroughGapKind = (typeof WALKTHROUGH_GAP_KINDS)[number];

export const walkthroughGapSchema = z.object({
  kind: z.enum(WALKTHROUGH_GAP_KINDS),
  assetKey: z.string(),
  reference: z
    .string()
    .describe('The record concerned: control/period, NC-0001, RT-0001, a supplier key…'),
  message: z.string().describe('What is missing, in plain language'),
});
export type WalkthroughGap = z.infer<typeof walkthroughGapSchema>;

const maintenanceRowSchema = effectivenessRowSchema
  .omit({ requirementKeys: true, assetKey: true, opensAt: true })
  .extend({
    changeControl: z.boolean().describe('A change-control occurrence (listed under changes too)'),
  });
export type WalkthroughMaintenanceRow = z.infer<typeof maintenanceRowSchema>;

const changeSchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string().describe('The audit action, e.g. asset.updated'),
});

const changeRecordSchema = z.object({
  number: z.string(),
  title: z.string(),
  type: z.string(),
  status: z.string(),
  requestedAt: z.string(),
  approvedAt: z.string().nullable(),
  implementedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  approvedBeforeImplementation: z.boolean().nullable(),
  verifiedWithin48h: z.boolean().nullable(),
});

const nonconformanceSchema = z.object({
  number: z.string(),
  title: z.string(),
  sourceType: z.string(),
  deficiency: z.boolean(),
  status: z.string(),
  raisedAt: z.string(),
  closedAt: z.string().nullable(),
  openAtPeriodEnd: z.boolean().describe('Not closed by the end of the period'),
});

const backupsSchema = z.object({
  policySource: z.string().describe('Where the asset’s backup policy comes from'),
  runs: z.object({ total: z.number(), succeeded: z.number(), failed: z.number() }),
  lastSuccessAt: z.string().nullable().describe('Last successful run ending in the period'),
  incidents: z.array(
    z.object({
      kind: z.string(),
      summary: z.string(),
      openedAt: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
  restoreTests: z.array(
    z.object({
      number: z.string(),
      startedAt: z.string(),
      outcome: z.string(),
      status: z.string(),
      performer: z.string(),
      verifier: z.string().nullable(),
    }),
  ),
  drExercises: z.array(
    z.object({
      number: z.string(),
      type: z.string(),
      startedAt: z.string(),
      outcome: z.string(),
      status: z.string(),
      verifier: z.string().nullable(),
    }),
  ),
});

const incidentSchema = z.object({
  number: z.string(),
  title: z.string(),
  severity: z.string(),
  detectedAt: z.string(),
  statusAtEnd: z.string(),
  decision: z.string().nullable().describe('The signed conformity decision, if made by the end'),
  decisionOnTime: z
    .boolean()
    .nullable()
    .describe('Decided by its due instant; false when undecided past it; null while pending'),
  nonconformance: z.string().nullable(),
});

export const walkthroughDependencySchema = z.object({
  asset: z.object({
    key: z.string(),
    name: z.string(),
    category: z.string(),
    criticality: z.string(),
    ownerRole: z.string(),
    lifecycleStatus: z.string(),
    thirdPartyManaged: z.boolean(),
  }),
  conformityImpact: z.string(),
  controlMethod: z.string(),
  systemOfRecord: z.string(),
  supplier: z
    .object({
      key: z.string(),
      name: z.string(),
      certifications: z.array(
        z.object({
          name: z.string(),
          expiresOn: z.string().nullable(),
          validAtPeriodEnd: z.boolean(),
        }),
      ),
    })
    .nullable(),
  maintenance: z.array(maintenanceRowSchema).describe('Occurrences due in the period'),
  changes: z.array(changeSchema).describe('Audit entries of the asset in the period'),
  changeRecords: z
    .array(changeRecordSchema)
    .describe(
      'Change records affecting the asset, requested, implemented or verified in the period',
    ),
  nonconformances: z.array(nonconformanceSchema).describe('Open at some time in the period'),
  incidents: z
    .array(incidentSchema)
    .describe('Incidents affecting the asset, open at some time in the period, as at its end'),
  backups: backupsSchema.nullable().describe('Null when no backup policy applies to the asset'),
  gaps: z.array(walkthroughGapSchema),
});
export type WalkthroughDependency = z.infer<typeof walkthroughDependencySchema>;

export const walkthroughSchema = z.object({
  process: z.object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    ownerRole: z.string(),
    affectsConformity: z.boolean(),
  }),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string().describe('The instant statuses were evaluated at: period end, or now'),
  generatedAt: z.string(),
  dependencies: z.array(walkthroughDependencySchema),
  gaps: z.array(walkthroughGapSchema).describe('Every dependency’s gaps, in matrix order'),
});
export type Walkthrough = z.infer<typeof walkthroughSchema>;
