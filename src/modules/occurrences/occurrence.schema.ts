import { z } from 'zod';
import { selectedIdsSchema } from '../../platform/http/csv-download.js';
import { pageQuerySchema } from '../../platform/http/paging.js';
import { SLA_TRIGGERS } from '../controls/catalog.schema.js';
import { OWNER_ROLES, registerKeySchema } from '../register/asset.schema.js';
import { OCCURRENCE_EVENT_KINDS, OCCURRENCE_STATUSES } from './occurrence-status.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant();

export const occurrenceEventViewSchema = z.object({
  kind: z.enum(OCCURRENCE_EVENT_KINDS),
  at: z.string(),
  actorLabel: z.string(),
  note: z.string(),
  signatureId: z.string().nullable(),
});

/** Whose work a list shows: a person's id, `me` (the signed-in person) or `nobody`. */
export const assigneeFilterSchema = z
  .union([z.literal('me'), z.literal('nobody'), z.uuid()], {
    error: 'must be me, nobody or the id of a person',
  })
  .optional()
  .describe('Only work assigned to this person (an id), to me, or to nobody');
export type AssigneeFilter = z.infer<typeof assigneeFilterSchema>;

/** The person a piece of work is assigned to, as views show them. */
export const assigneeViewSchema = z
  .object({ id: z.uuid(), name: z.string(), email: z.string() })
  .nullable();

export const occurrenceViewSchema = z.object({
  id: z.uuid(),
  controlKey: z.string(),
  controlTitle: z.string(),
  periodKey: z.string(),
  assetKey: z.string().describe('Empty for an organisation-wide occurrence'),
  opensAt: z.string(),
  dueAt: z.string(),
  closesAt: z.string(),
  critical: z.boolean(),
  ownerRole: z.string(),
  assignee: assigneeViewSchema.describe(
    'The person the work is assigned to now (whatever instant is asked for), or null',
  ),
  status: z.enum(OCCURRENCE_STATUSES).describe('Status at the instant asked for (now by default)'),
  events: z.array(occurrenceEventViewSchema),
});
export type OccurrenceView = z.infer<typeof occurrenceViewSchema>;

export const listOccurrencesQuerySchema = pageQuerySchema.extend({
  at: isoDateTime.optional().describe('Evaluate statuses at this instant (default: now)'),
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.enum(OCCURRENCE_STATUSES)).optional())
    .describe('Comma-separated statuses, e.g. due,overdue'),
  control: z.string().max(80).optional(),
  asset: registerKeySchema.optional(),
  ownerRole: z.enum(OWNER_ROLES).optional(),
  dueFrom: isoDateTime.optional(),
  dueBefore: isoDateTime.optional(),
  assignee: assigneeFilterSchema,
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe("Only my work: my role's, or assigned to me"),
});
export type ListOccurrencesQuery = z.infer<typeof listOccurrencesQuerySchema>;

/** The rows selected in a table, exported alone (`GET /api/v1/occurrences/export.csv`). */
export const exportOccurrencesQuerySchema = z.object({ ids: selectedIdsSchema('occurrences') });
export type ExportOccurrencesQuery = z.infer<typeof exportOccurrencesQuerySchema>;

export const recordTriggerEventBodySchema = z.object({
  type: z.enum(SLA_TRIGGERS).describe('What happened, e.g. critical-patch-released'),
  asset: registerKeySchema.optional().describe('The asset it concerns'),
  at: isoDateTime.describe('When it happened: the SLA clock starts here'),
  targetAt: isoDateTime
    .optional()
    .describe('The instant to finish before, e.g. a certificate expiry'),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Idempotency key from the sending system'),
  details: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .default({}),
});
export type RecordTriggerEventInput = z.infer<typeof recordTriggerEventBodySchema>;

export const triggerEventViewSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  assetKey: z.string().nullable(),
  at: z.string(),
  targetAt: z.string().nullable(),
  externalId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** Longest window one request may generate: a year and a bit, which bounds the work of one call. */
export const MAX_GENERATION_WINDOW_DAYS = 400;

export const generateOccurrencesBodySchema = z
  .object({ from: isoDateTime, until: isoDateTime })
  .superRefine((window, ctx) => {
    const days = (Date.parse(window.until) - Date.parse(window.from)) / 86_400_000;
    if (days <= 0) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after from' });
    else if (days > MAX_GENERATION_WINDOW_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: `the window may span at most ${MAX_GENERATION_WINDOW_DAYS} days; generate in several calls`,
      });
    }
  });
