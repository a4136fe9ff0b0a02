import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { abilitySchema } from '../signatures/second-person-rule.js';

export const ACCESS_REVIEW_DECISIONS = ['keep', 'revoke', 'change'] as const;
export type AccessReviewDecision = (typeof ACCESS_REVIEW_DECISIONS)[number];
export const ACCESS_REVIEW_STATUSES = ['open', 'signed'] as const;
export type AccessReviewStatus = (typeof ACCESS_REVIEW_STATUSES)[number];

/** A quarter as the quarterly occurrences name it: 2026-Q4. */
export const quarterSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q4')
  .describe('The quarter reviewed, e.g. 2026-Q4');

export const startAccessReviewBodySchema = z.object({
  asset: registerKeySchema.describe('The system whose accounts are reviewed'),
  quarter: quarterSchema
    .optional()
    .describe('The quarter reviewed, e.g. 2026-Q4; default: the current quarter'),
  delegates: z
    .array(z.email('must be the e-mail of a Plumbline user').max(254))
    .max(20)
    .default([])
    .transform((emails) => [...new Set(emails.map((email) => email.toLowerCase()))])
    .describe('People who may decide and sign besides the system owner'),
});
export type StartAccessReviewInput = z.infer<typeof startAccessReviewBodySchema>;

export const decideAccessReviewBodySchema = z
  .object({
    decision: z.enum(ACCESS_REVIEW_DECISIONS),
    comment: z.string().trim().min(1, 'say why').max(2000),
    usernames: z
      .array(z.string().min(1).max(500))
      .min(1)
      .max(10_000)
      .optional()
      .describe('The accounts decided (their usernames in the campaign)'),
    allPending: z
      .literal(true)
      .optional()
      .describe('Decide every account that has no decision yet'),
  })
  .refine((body) => (body.usernames === undefined) !== (body.allPending === undefined), {
    message: 'give either usernames or allPending',
    path: ['usernames'],
  });
export type DecideAccessReviewInput = z.infer<typeof decideAccessReviewBodySchema>;

export const accessReviewProgressSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  keep: z.number().int(),
  revoke: z.number().int(),
  change: z.number().int(),
  outstanding: z
    .number()
    .int()
    .describe('Revoke or change decisions no later snapshot has shown carried out yet'),
});

export const accessReviewCampaignViewSchema = z.object({
  id: z.uuid(),
  asset: z.string(),
  assetName: z.string(),
  quarter: z.string(),
  status: z.enum(ACCESS_REVIEW_STATUSES),
  owner: z.string().describe('The asset’s owner: person if named, otherwise role'),
  delegates: z.array(z.string()),
  snapshotTakenAt: z.string().describe('The snapshot whose accounts are reviewed'),
  startedBy: z.string(),
  startedAt: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  signatureId: z.uuid().nullable(),
  occurrenceId: z.uuid().nullable().describe('The quarter’s occurrence the signature satisfied'),
  progress: accessReviewProgressSchema,
});
export type AccessReviewCampaignView = z.infer<typeof accessReviewCampaignViewSchema>;

export const accessReviewDetailSchema = accessReviewCampaignViewSchema.extend({
  abilities: z.object({ decide: abilitySchema, sign: abilitySchema }),
});
export type AccessReviewDetail = z.infer<typeof accessReviewDetailSchema>;

export const accessReviewItemViewSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  personEmail: z.string().nullable(),
  roles: z.array(z.string()),
  privileged: z.boolean(),
  mfaEnabled: z.boolean().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  decision: z.enum(ACCESS_REVIEW_DECISIONS).nullable(),
  comment: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  carriedOutAt: z
    .string()
    .nullable()
    .describe(
      'For revoke: when a snapshot first showed the account disabled or removed; for change: its roles changed',
    ),
});
export type AccessReviewItemView = z.infer<typeof accessReviewItemViewSchema>;

export const listAccessReviewsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional(),
  quarter: quarterSchema.optional(),
  status: z.enum(ACCESS_REVIEW_STATUSES).optional(),
});
export type ListAccessReviewsQuery = z.infer<typeof listAccessReviewsQuerySchema>;
export const accessReviewPageSchema = pageSchema(accessReviewCampaignViewSchema);

export const listAccessReviewItemsQuerySchema = pageQuerySchema.extend({
  decision: z
    .enum([...ACCESS_REVIEW_DECISIONS, 'pending'])
    .optional()
    .describe('Only items with this decision (pending: none yet)'),
});
export type ListAccessReviewItemsQuery = z.infer<typeof listAccessReviewItemsQuerySchema>;
export const accessReviewItemPageSchema = pageSchema(accessReviewItemViewSchema);

export const decideAccessReviewResultSchema = z.object({
  decided: z.number().int().describe('Items this request decided (or re-decided)'),
  progress: accessReviewProgressSchema,
});
export type DecideAccessReviewResult = z.infer<typeof decideAccessReviewResultSchema>;
