import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/paging.js';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../platform/time/supported-instants.js';
import { registerKeySchema } from '../register/asset.schema.js';
import {
  recoveryRecordDetailFields,
  recoveryVerificationFields,
} from './recovery-record.schema.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant();
const isoDuration = z
  .string()
  .regex(
    /^P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?$/,
    'must be an ISO 8601 duration such as PT3H30M',
  )
  .refine((value) => value !== 'P' && value !== 'PT', 'must not be empty');

export const DR_EXERCISE_TYPES = ['tabletop', 'live-failover'] as const;
export const DR_EXERCISE_OUTCOMES = ['passed', 'passed-with-deficiencies', 'failed'] as const;
export type DrExerciseOutcome = (typeof DR_EXERCISE_OUTCOMES)[number];
export const DR_EXERCISE_STATUSES = ['completed', 'verified'] as const;
export type DrExerciseStatus = (typeof DR_EXERCISE_STATUSES)[number];

const participantSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  role: z.string().trim().min(1, 'is required').max(200).describe('e.g. incident lead, DBA'),
});
const timelineEntrySchema = z.object({
  at: isoDateTime,
  description: z.string().trim().min(1, 'is required').max(2000),
});
const measurementInputSchema = z
  .object({
    asset: registerKeySchema.optional().describe('An asset of the register'),
    service: z.string().trim().min(1).max(200).optional().describe('Or a service by name'),
    measured: isoDuration.describe('How long recovery took (or was estimated to take)'),
    targetRto: isoDuration.optional().describe("Default: the asset's RTO; required for a service"),
  })
  .superRefine((value, ctx) => {
    if ((value.asset === undefined) === (value.service === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['asset'],
        message: 'name either an asset or a service',
      });
    }
    if (value.service !== undefined && value.targetRto === undefined) {
      ctx.addIssue({ code: 'custom', path: ['targetRto'], message: 'is required for a service' });
    }
  });
const deficiencyInputSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(300),
  description: z.string().trim().max(10_000).default(''),
  ownerUserId: z.uuid().describe('The person who owns its correction'),
  dueOn: z.iso
    .date('must be a date as YYYY-MM-DD')
    .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE)
    .optional()
    .describe('Default: 90 days'),
});

export const recordDrExerciseBodySchema = z
  .object({
    type: z.enum(DR_EXERCISE_TYPES),
    scenario: z
      .string()
      .trim()
      .min(10, 'describe the scenario in at least 10 characters')
      .max(10_000),
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    participants: z.array(participantSchema).min(1, 'name at least one participant').max(100),
    timeline: z.array(timelineEntrySchema).max(500).default([]),
    recoveryMeasurements: z.array(measurementInputSchema).max(200).default([]),
    outcome: z.enum(DR_EXERCISE_OUTCOMES),
    deficiencies: z.array(deficiencyInputSchema).max(100).default([]),
    summary: z.string().trim().max(20_000).default(''),
  })
  .superRefine((body, ctx) => {
    if (Date.parse(body.finishedAt) < Date.parse(body.startedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finishedAt'],
        message: 'must not be before startedAt',
      });
    }
    if (body.outcome === 'passed' && body.deficiencies.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'an exercise that found deficiencies passed with deficiencies, or failed',
      });
    }
    if (body.outcome === 'passed-with-deficiencies' && body.deficiencies.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['deficiencies'], message: 'list the deficiencies' });
    }
  });
export type RecordDrExerciseInput = z.infer<typeof recordDrExerciseBodySchema>;

export const listDrExercisesQuerySchema = pageQuerySchema.extend({
  type: z.enum(DR_EXERCISE_TYPES).optional(),
  status: z.enum(DR_EXERCISE_STATUSES).optional(),
});
export type ListDrExercisesQuery = z.infer<typeof listDrExercisesQuerySchema>;

export const recoveryMeasurementSchema = z.object({
  subject: z.string().describe('The asset key or the service name'),
  assetKey: z.string().nullable(),
  measuredSeconds: z.number(),
  targetRto: z.string(),
  met: z.boolean(),
});

export const drExerciseViewSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('DR-0001'),
  type: z.enum(DR_EXERCISE_TYPES),
  scenario: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  participants: z.array(participantSchema),
  timeline: z.array(z.object({ at: z.string(), description: z.string() })),
  recoveryMeasurements: z.array(recoveryMeasurementSchema),
  outcome: z.enum(DR_EXERCISE_OUTCOMES),
  summary: z.string(),
  status: z.enum(DR_EXERCISE_STATUSES),
  recordedByLabel: z.string(),
  ...recoveryVerificationFields,
});
export type DrExerciseView = z.infer<typeof drExerciseViewSchema>;

export const drExerciseDetailSchema = drExerciseViewSchema.extend(recoveryRecordDetailFields);
export type DrExerciseDetail = z.infer<typeof drExerciseDetailSchema>;

export const formatDrExerciseNumber = (number: number): string =>
  `DR-${String(number).padStart(4, '0')}`;
