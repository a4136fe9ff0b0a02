import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { signingProofField } from '../signatures/signature-credentials.schema.js';

export const TRAINING_STATES = ['open', 'overdue', 'completed'] as const;

export const trainingAssignmentViewSchema = z.object({
  id: z.uuid(),
  person: z.object({ email: z.string(), name: z.string() }),
  document: z.string().describe('The document id, e.g. SOP-018'),
  version: z.number().int(),
  title: z.string(),
  versionStatus: z.string().describe('effective, or superseded once a newer version took effect'),
  mode: z
    .enum(['acknowledge', 'quiz'])
    .describe('quiz only when the version has questions; read-and-acknowledge otherwise'),
  quizMissing: z.boolean().describe('Quiz training whose version has no questions yet'),
  assignedAt: z.string(),
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  state: z.enum(TRAINING_STATES),
});
export type TrainingAssignmentView = z.infer<typeof trainingAssignmentViewSchema>;

export const trainingDetailSchema = trainingAssignmentViewSchema.extend({
  quiz: z
    .object({
      passMark: z.number().int(),
      questions: z.array(z.object({ text: z.string(), options: z.array(z.string()) })),
    })
    .nullable(),
  attempts: z.array(z.object({ score: z.number().int(), passed: z.boolean(), at: z.string() })),
  passed: z.boolean().describe('A quiz attempt reached the pass mark (true when there is no quiz)'),
});
export type TrainingDetail = z.infer<typeof trainingDetailSchema>;

export const listTrainingQuerySchema = pageQuerySchema.extend({
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: open training past its due date on an effective version'),
  document: z.string().max(80).optional(),
});
export type ListTrainingQuery = z.infer<typeof listTrainingQuerySchema>;
export const trainingPageSchema = pageSchema(trainingAssignmentViewSchema);

export const quizAttemptBodySchema = z.object({
  answers: z
    .array(z.number().int().min(0).max(9))
    .max(100)
    .describe('The index of the chosen option, one per question in order'),
});
export const quizAttemptResultSchema = z.object({
  score: z.number().int(),
  passed: z.boolean(),
  passMark: z.number().int(),
});

export const acknowledgeBodySchema = z.object({
  password: z.string().min(1).max(1000).optional(),
  totpCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  signingProof: signingProofField,
});
