import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES } from './incident-status.js';
import { signingProofField } from '../signatures/signature-credentials.schema.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

/** How an incident was detected. */
export const DETECTION_SOURCES = ['alert', 'backup-incident', 'manual'] as const;
export type DetectionSource = (typeof DETECTION_SOURCES)[number];

export const CONFORMITY_OUTCOMES = ['no-impact', 'impact'] as const;
export type ConformityOutcome = (typeof CONFORMITY_OUTCOMES)[number];

export const TIMELINE_KINDS = ['opened', 'note', 'status', 'decision', 'alert'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDateTime = isoInstant();

export const formatIncidentNumber = (n: number) => `INC-${String(n).padStart(4, '0')}`;

export const openIncidentBodySchema = z.object({
  title: text(300),
  severity: z.enum(INCIDENT_SEVERITIES),
  detectedAt: isoDateTime.optional().describe('When it was detected; default now'),
  assets: z.array(z.string().min(1).max(200)).max(100).default([]).describe('Affected asset keys'),
  responders: z.array(text(200)).max(50).default([]),
  note: z.string().max(10_000).optional().describe('First timeline entry'),
});
export type OpenIncidentBody = z.infer<typeof openIncidentBodySchema>;

export const escalateBackupIncidentBodySchema = z.object({
  backupIncidentId: z
    .uuid()
    .describe('The backup incident (missed window, failed run) to escalate'),
  severity: z.enum(INCIDENT_SEVERITIES).default('major'),
  title: text(300).optional(),
});

export const timelineEntryBodySchema = z.object({
  text: text(10_000),
  at: isoDateTime.optional().describe('When it happened; default now'),
});

export const transitionBodySchema = z.object({
  to: z.enum(INCIDENT_STATUSES),
  note: z.string().max(10_000).default(''),
  postIncidentReview: z
    .string()
    .max(100_000)
    .optional()
    .describe('The post-incident review; required to close'),
  responders: z.array(text(200)).max(50).optional(),
});

export const decisionBodySchema = z.object({
  outcome: z.enum(CONFORMITY_OUTCOMES),
  rationale: text(10_000),
  password: z.string().min(1).max(1000).optional(),
  totpCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  signingProof: signingProofField,
});
export type DecisionBody = z.infer<typeof decisionBodySchema>;

export const timelineEntryViewSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const incidentViewSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  detectedAt: z.string(),
  detectionSource: z.enum(DETECTION_SOURCES),
  sourceId: z.string().nullable(),
  assets: z.array(z.object({ key: z.string(), name: z.string() })),
  processes: z
    .array(z.object({ key: z.string(), name: z.string(), affectsConformity: z.boolean() }))
    .describe('Processes that depend on an affected asset (process-to-infrastructure matrix)'),
  responders: z.array(z.string()),
  postIncidentReview: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  decisionDueAt: z.string().nullable().describe('When the conformity decision is due (24 hours)'),
  decision: z
    .object({
      outcome: z.enum(CONFORMITY_OUTCOMES),
      rationale: z.string(),
      decidedAt: z.string(),
      decidedBy: z.string(),
      signatureId: z.uuid(),
      nonconformanceId: z.uuid().nullable(),
      onTime: z.boolean(),
    })
    .nullable(),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

export const incidentDetailSchema = incidentViewSchema.extend({
  timeline: z.array(timelineEntryViewSchema),
  abilities: z.object({
    decide: abilitySchema,
    transition: abilitySchema,
    addTimelineEntry: abilitySchema,
  }),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const listIncidentsQuerySchema = pageQuerySchema.extend({
  status: z.enum(INCIDENT_STATUSES).optional(),
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: not closed'),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuerySchema>;
export const incidentPageSchema = pageSchema(incidentViewSchema);

export const onCallShiftBodySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
  person: text(200),
  position: z.enum(['primary', 'backup']),
  from: isoDateTime,
  to: isoDateTime,
});
export const onCallShiftViewSchema = z.object({
  id: z.uuid(),
  month: z.string(),
  person: z.string(),
  position: z.enum(['primary', 'backup']),
  from: z.string(),
  to: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const listOnCallQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
});
