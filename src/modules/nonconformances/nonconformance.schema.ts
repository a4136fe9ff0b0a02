import { z } from 'zod';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { selectedIdsSchema } from '../../platform/http/csv-download.js';
import { pageQuerySchema } from '../../platform/http/paging.js';
import { OWNER_ROLES } from '../register/asset.schema.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

/**
 * Where a nonconformance stands. A missed-occurrence nonconformance moves open ⇄ investigating →
 * closed; a deficiency (found by a restore test or a DR exercise) moves open → in_progress →
 * resolved and is closed only by a signed verification.
 */
export const NONCONFORMANCE_STATUSES = [
  'open',
  'investigating',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type NonconformanceStatus = (typeof NONCONFORMANCE_STATUSES)[number];

export const NONCONFORMANCE_SOURCES = [
  'occurrence',
  'restore-test',
  'dr-exercise',
  'incident',
  'manual',
] as const;
export type NonconformanceSource = (typeof NONCONFORMANCE_SOURCES)[number];

/** Sources whose nonconformances are deficiencies: tracked to a signed closure. */
export const DEFICIENCY_SOURCES = ['restore-test', 'dr-exercise'] as const;
export type DeficiencySource = (typeof DEFICIENCY_SOURCES)[number];

export const isDeficiencySource = (source: string): source is DeficiencySource =>
  (DEFICIENCY_SOURCES as readonly string[]).includes(source);

/** The moves a PATCH may make; a closed nonconformance stays closed. */
const MISSED_WORK_TRANSITIONS: Record<NonconformanceStatus, readonly NonconformanceStatus[]> = {
  open: ['investigating', 'closed'],
  investigating: ['open', 'closed'],
  in_progress: [],
  resolved: [],
  closed: [],
};
/** A deficiency never reaches closed by a PATCH: only a signed verification closes it. */
const DEFICIENCY_TRANSITIONS: Record<NonconformanceStatus, readonly NonconformanceStatus[]> = {
  open: ['in_progress'],
  investigating: [],
  in_progress: ['resolved'],
  resolved: ['in_progress'],
  closed: [],
};

export function allowedTransitions(
  source: string,
  from: NonconformanceStatus,
): readonly NonconformanceStatus[] {
  return (isDeficiencySource(source) ? DEFICIENCY_TRANSITIONS : MISSED_WORK_TRANSITIONS)[from];
}

const isoDate = isoCalendarDate();

export const nonconformanceViewSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('NC-0001'),
  sourceType: z.enum(NONCONFORMANCE_SOURCES),
  sourceId: z.uuid(),
  sourceItem: z.string().describe('Which finding of the source (DR exercises raise several)'),
  deficiency: z.boolean().describe('Found by a restore test or DR exercise: closed by signature'),
  title: z.string(),
  description: z.string(),
  requirementNotMet: z
    .string()
    .describe('The requirement (clause, procedure, specification) not met'),
  containment: z.string().describe('What was done to contain it'),
  disposition: z.string().describe('What is done with what did not conform'),
  impactAssessment: z.string().describe('What it could have affected, and how far'),
  raisedBy: z.string().nullable().describe('Who raised it by hand; null when a source raised it'),
  ownerRole: z.string(),
  ownerUserId: z.string().nullable(),
  ownerUserLabel: z.string().nullable(),
  dueOn: z.string().nullable().describe('Due date in the organisation time zone'),
  overdue: z.boolean().describe('Not closed and past the end of its due date'),
  status: z.enum(NONCONFORMANCE_STATUSES),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedById: z.string().nullable().describe('The user who resolved it'),
  resolvedByLabel: z.string().nullable(),
  closedByLabel: z.string().nullable(),
  closureSignatureId: z.string().nullable(),
  slaOccurrenceId: z.string().nullable(),
  raisedAt: z.string(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type NonconformanceView = z.infer<typeof nonconformanceViewSchema>;

/** A nonconformance as the lists and the detail show it to a caller: with what they may do. */
export const nonconformanceItemSchema = nonconformanceViewSchema.extend({
  abilities: z
    .object({ verifyClosure: abilitySchema })
    .describe('What the caller may do with it, decided by the rule the server enforces'),
});
export type NonconformanceItem = z.infer<typeof nonconformanceItemSchema>;

export const listNonconformancesQuerySchema = pageQuerySchema.extend({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.enum(NONCONFORMANCE_STATUSES)).optional())
    .describe('Comma-separated statuses, e.g. open,in_progress'),
  source: z.enum(NONCONFORMANCE_SOURCES).optional(),
  deficiency: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .describe('Only deficiencies (true: from restore tests and DR exercises) or only the others'),
  sourceId: z.uuid().optional().describe('Only those raised by this restore test or exercise'),
  ownerRole: z.enum(OWNER_ROLES).optional(),
  ownerUserId: z.uuid().optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
});
export type ListNonconformancesQuery = z.infer<typeof listNonconformancesQuerySchema> & {
  /** Only these (the export of a selection). */
  ids?: readonly string[] | undefined;
};

/** The list's filters, and `ids`: the rows selected in a table, exported alone. */
export const exportNonconformancesQuerySchema = listNonconformancesQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({
    ids: selectedIdsSchema('nonconformances').optional(),
  });
export type ExportNonconformancesQuery = z.infer<typeof exportNonconformancesQuerySchema>;

export const updateNonconformanceBodySchema = z.object({
  status: z.enum(NONCONFORMANCE_STATUSES).optional(),
  owner: z.enum(OWNER_ROLES).optional().describe('Owner role'),
  ownerUserId: z.uuid().nullable().optional().describe('The person who owns a deficiency'),
  dueOn: isoDate.nullable().optional(),
  description: z.string().trim().max(10_000).optional(),
  requirementNotMet: z.string().trim().max(10_000).optional(),
  containment: z.string().trim().max(10_000).optional(),
  disposition: z.string().trim().max(10_000).optional(),
  impactAssessment: z.string().trim().max(10_000).optional(),
});
export type UpdateNonconformanceInput = z.infer<typeof updateNonconformanceBodySchema>;

/** At most one table page's worth of nonconformances per bulk triage. */
export const MAX_BULK_TRIAGE = 200;

/** The fields a triage sets on every nonconformance selected: where it stands and who owns it. */
export const triageNonconformancesBodySchema = updateNonconformanceBodySchema
  .pick({ status: true, owner: true, ownerUserId: true, dueOn: true })
  .extend({
    ids: z
      .array(z.uuid('must be a UUID'))
      .min(1, 'name at least one nonconformance')
      .max(MAX_BULK_TRIAGE, `at most ${MAX_BULK_TRIAGE} nonconformances per request`),
  })
  .refine(
    (body) =>
      body.status !== undefined ||
      body.owner !== undefined ||
      body.ownerUserId !== undefined ||
      body.dueOn !== undefined,
    { message: 'set at least one of status, owner, ownerUserId and dueOn' },
  );
export type TriageNonconformancesInput = z.infer<typeof triageNonconformancesBodySchema>;

const requiredText = (what: string) => z.string().trim().min(1, `say ${what}`).max(10_000);

/** A nonconformance raised by hand: every field a quality system asks for, an owner and a due date. */
export const raiseNonconformanceBodySchema = z.object({
  title: z.string().trim().min(1, 'give it a title').max(300),
  description: requiredText('what did not conform'),
  requirementNotMet: requiredText('which requirement was not met'),
  containment: requiredText('what was done to contain it'),
  disposition: requiredText('what is done with what did not conform'),
  impactAssessment: requiredText('what it could have affected'),
  owner: z.enum(OWNER_ROLES).describe('Owner role'),
  ownerUserId: z.uuid().nullable().optional().describe('The person who owns it'),
  dueOn: isoDate.describe('Due date in the organisation time zone'),
});
export type RaiseNonconformanceInput = z.infer<typeof raiseNonconformanceBodySchema>;

export const resolveDeficiencyBodySchema = z.object({
  resolutionNote: z
    .string()
    .trim()
    .min(10, 'say what was done, in at least 10 characters')
    .max(10_000),
});

export const formatNonconformanceNumber = (number: number): string =>
  `NC-${String(number).padStart(4, '0')}`;
