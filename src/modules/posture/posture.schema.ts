import { z } from 'zod';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { frameworkKeySchema } from '../controls/catalog.schema.js';
import { CONTROL_STATUSES } from './control-status.js';
import { MAX_PAGE_LIMIT, pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { isoCalendarDate, isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant('must be an ISO date-time such as 2026-06-30T23:59:59Z');
const isoDate = isoCalendarDate();

const controlStatus = z.enum(CONTROL_STATUSES);

export const statusCountsSchema = z.object({
  failing: z.number(),
  at_risk: z.number(),
  no_evidence: z.number(),
  passing: z.number(),
  not_applicable: z.number(),
});

export const postureQuerySchema = z.object({
  at: isoDateTime
    .optional()
    .describe('Evaluate as the records stood at this instant (default: now)'),
  atRiskDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .default(7)
    .describe('Open work due within this many days makes a control at risk'),
});
export type PostureQuery = z.infer<typeof postureQuerySchema>;

/**
 * The per-asset list pages like every list (docs/api.md "Lists"), except that without `limit`
 * it answers every asset, as it did before it paged (the web UI's Posture page reads it so).
 */
export const assetPostureQuerySchema = postureQuerySchema.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .optional()
    .describe(`Assets per page, 1 to ${MAX_PAGE_LIMIT}; omit for every asset in one answer`),
  cursor: pageQuerySchema.shape.cursor,
});
export type AssetPostureQuery = z.infer<typeof assetPostureQuerySchema>;

export const controlPostureSchema = z.object({
  key: z.string(),
  title: z.string(),
  critical: z.boolean(),
  perAsset: z.boolean(),
  evaluation: z
    .string()
    .describe(
      'automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual',
    ),
  status: controlStatus,
  requirements: z.array(z.string()),
  currentOccurrences: z
    .object({
      failing: z.number(),
      atRisk: z.number(),
      verified: z.number(),
      notApplicable: z.number(),
      pending: z.number(),
    })
    .describe('The occurrences the status was judged on, by class (docs/posture.md)'),
});
export type ControlPosture = z.infer<typeof controlPostureSchema>;

export const requirementPostureSchema = z.object({
  key: z.string(),
  reference: z.string(),
  title: z.string(),
  status: controlStatus.describe('The worst status of its controls; no_evidence when unmapped'),
  controls: z.array(z.object({ key: z.string(), status: controlStatus })),
});

export const frameworkPostureSchema = z.object({
  key: z.string(),
  title: z.string(),
  status: controlStatus.describe('The worst status of its requirements'),
  requirementCounts: statusCountsSchema,
  controlCounts: statusCountsSchema.describe('Distinct controls mapped to the framework'),
  requirements: z.array(requirementPostureSchema),
});

export const trainingGapSchema = z.object({
  state: z
    .enum(['overdue', 'missing'])
    .describe('Assigned and past due, or in a required department and never assigned'),
  person: z.object({ email: z.string(), name: z.string(), role: z.string() }),
  document: z.string(),
  version: z.number().int(),
  title: z.string(),
  dueAt: z.string().nullable(),
});

export const trainingPostureSchema = z
  .object({
    requirement: z.literal('ISO 13485 6.2'),
    gapCount: z.number().int().describe('Every gap, also those past the listed ones'),
    gaps: z.array(trainingGapSchema).describe('Oldest due first, at most 200'),
  })
  .describe(
    'People without current training for an effective document at the instant: overdue, or missing',
  );

export const postureSchema = z.object({
  at: z.string(),
  atRiskDays: z.number(),
  status: controlStatus.describe('The worst status of every control'),
  controlCounts: statusCountsSchema,
  frameworks: z.array(frameworkPostureSchema),
  controls: z.array(controlPostureSchema),
  training: trainingPostureSchema,
});
export type Posture = z.infer<typeof postureSchema>;

export const assetPostureSchema = z.object({
  assetKey: z.string(),
  status: controlStatus.describe('The worst status of the controls that apply to it'),
  controlCount: z.number().describe('Per-asset controls with a current occurrence for it'),
  controlCounts: statusCountsSchema,
  controls: z.array(z.object({ key: z.string(), status: controlStatus })),
});
export type AssetPosture = z.infer<typeof assetPostureSchema>;

export const assetPostureListSchema = pageSchema(assetPostureSchema).extend({
  at: z.string(),
  atRiskDays: z.number(),
});

export const EFFECTIVENESS_EXCEPTIONS = ['missed', 'late', 'unverified'] as const;
export type EffectivenessException = (typeof EFFECTIVENESS_EXCEPTIONS)[number];

export const effectivenessQuerySchema = z
  .object({
    framework: frameworkKeySchema.describe('e.g. soc2, iso9001, sop-018'),
    from: isoDate.describe('First day of the period (organisation time zone)'),
    to: isoDate.describe('Last day of the period, inclusive'),
    format: z.enum(['json', 'csv']).default('json'),
    asOf: isoDateTime
      .optional()
      .describe(
        'Evaluate as the records stood at this instant (default: the end of the period, or now ' +
          'if earlier). Ask for now to see facts recorded after the period (late evidence)',
      ),
  })
  .refine((query) => query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });
export type EffectivenessQuery = z.infer<typeof effectivenessQuerySchema>;

export const effectivenessRowSchema = z.object({
  controlKey: z.string(),
  controlTitle: z.string(),
  requirementKeys: z.array(z.string()).describe('Requirements of the framework it maps'),
  periodKey: z.string(),
  assetKey: z.string(),
  opensAt: z.string(),
  dueAt: z.string(),
  status: z.enum(OCCURRENCE_STATUSES).describe('At the end of the period, or now if earlier'),
  completedAt: z.string().nullable(),
  performer: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifier: z.string().nullable(),
  evidenceCount: z.number(),
  exceptions: z.array(z.enum(EFFECTIVENESS_EXCEPTIONS)),
  lateEvidence: z
    .boolean()
    .describe(
      'Satisfied by late evidence: an automatic source reported, after the deadline, a fact ' +
        'from inside the window (docs/occurrences.md). Not an exception; shown so nothing is rewritten silently',
    ),
});
export type EffectivenessReportRow = z.infer<typeof effectivenessRowSchema>;

export const controlEffectivenessSchema = z.object({
  controlKey: z.string(),
  occurrences: z.number(),
  notApplicable: z.number(),
  withExceptions: z.number(),
  missed: z.number(),
  late: z.number(),
  unverified: z.number(),
  lateEvidence: z.number().describe('Occurrences satisfied by late evidence'),
  exceptionRate: z
    .number()
    .nullable()
    .describe('Occurrences with an exception / applicable occurrences; null when none applied'),
});

export const effectivenessReportSchema = z.object({
  framework: z.string(),
  from: z.string(),
  to: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string().describe('The instant statuses were evaluated at: period end, or now'),
  records: z
    .object({
      incidents: z.object({
        opened: z.number().describe('Opened in the period'),
        decided: z.number().describe('Of those, with the signed conformity decision by the end'),
        decidedOnTime: z.number(),
        withImpact: z.number(),
        undecidedPastDue: z.number().describe('Undecided at the end, the decision past due'),
      }),
      nonconformances: z.object({
        raised: z.number().describe('Raised in the period'),
        openAtEnd: z.number().describe('Open at the end of the period, whenever raised'),
      }),
      capas: z.object({
        opened: z.number().describe('Opened in the period'),
        foundEffective: z.number().describe('Effectiveness checks passed in the period'),
        openAtEnd: z.number(),
      }),
    })
    .describe('Incidents, nonconformances and CAPAs of the period, as recorded at asOf'),
  summary: z.object({
    occurrences: z.number(),
    byStatus: z.record(z.string(), z.number()),
    missed: z.number(),
    late: z.number(),
    unverified: z.number(),
    lateEvidence: z.number().describe('Occurrences satisfied by late evidence'),
    withExceptions: z.number(),
    exceptionRate: z.number().nullable(),
    byControl: z.array(controlEffectivenessSchema),
  }),
  rows: z.array(effectivenessRowSchema),
});
export type EffectivenessReport = z.infer<typeof effectivenessReportSchema>;

export const postureHistoryQuerySchema = z.object({
  months: z.coerce
    .number()
    .int()
    .min(1)
    .max(24)
    .default(12)
    .describe('How many months, the current one included (1 to 24)'),
});
export type PostureHistoryQuery = z.infer<typeof postureHistoryQuerySchema>;

const occurrenceClassCountsSchema = z
  .object({
    failing: z.number().describe('Overdue, missed, or done but unverified after the deadline'),
    atRisk: z.number().describe('Not done and due within 7 days'),
    pending: z.number().describe('Not done and due later, or done and awaiting verification'),
    verified: z.number(),
    notApplicable: z.number(),
  })
  .describe('The current occurrences of every control at that instant, by class (docs/posture.md)');

export const posturePointSchema = z.object({
  month: z.string().describe('The calendar month, YYYY-MM (organisation time zone)'),
  at: z
    .string()
    .describe('The instant evaluated: the end of the month, or now for the current month'),
  monthComplete: z.boolean().describe('false for the current month, evaluated now'),
  status: controlStatus.describe('The worst status of every control'),
  controlCounts: statusCountsSchema,
  occurrences: occurrenceClassCountsSchema,
  frameworks: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: controlStatus,
      requirementCounts: statusCountsSchema,
      controlCounts: statusCountsSchema,
    }),
  ),
});
export type PosturePoint = z.infer<typeof posturePointSchema>;

export const postureHistorySchema = z.object({
  months: z.number(),
  points: z.array(posturePointSchema).describe('Oldest first, one per month'),
});
export type PostureHistory = z.infer<typeof postureHistorySchema>;
