import { z } from 'zod';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../platform/time/supported-instants.js';
import {
  ASSET_CATEGORIES,
  CRITICALITIES,
  ENVIRONMENTS,
  assetPatchSchema,
} from '../register/asset.schema.js';

export const REVIEW_ITEM_STATUSES = ['pending', 'confirmed', 'corrected'] as const;
export type ReviewItemStatus = (typeof REVIEW_ITEM_STATUSES)[number];
export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;

export const startReviewBodySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(200)
    .describe('e.g. "Inventory review 2026 Q4"'),
  dueOn: z.iso
    .date('must be a date as YYYY-MM-DD')
    .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE),
  scope: z
    .object({
      category: z.enum(ASSET_CATEGORIES).optional(),
      environment: z.enum(ENVIRONMENTS).optional(),
      criticality: z.enum(CRITICALITIES).optional(),
    })
    .default({})
    .describe('Which assets to review; every asset still in use when empty'),
});
export type StartReviewInput = z.infer<typeof startReviewBodySchema>;

export const respondToReviewBodySchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('confirmed'), note: z.string().trim().max(2000).default('') }),
  z.object({
    decision: z.literal('corrected'),
    note: z.string().trim().min(1, 'say what was wrong').max(2000),
    changes: assetPatchSchema,
  }),
]);
export type RespondToReviewInput = z.infer<typeof respondToReviewBodySchema>;

export const reviewProgressSchema = z.object({
  total: z.number(),
  pending: z.number(),
  confirmed: z.number(),
  corrected: z.number(),
});

export const reviewCampaignViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  dueOn: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  progress: reviewProgressSchema,
});
export type ReviewCampaignView = z.infer<typeof reviewCampaignViewSchema>;

export const reviewItemViewSchema = z.object({
  id: z.uuid(),
  assetKey: z.string(),
  assetName: z.string(),
  ownerRole: z.string(),
  ownerPerson: z.string(),
  status: z.enum(REVIEW_ITEM_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});
export type ReviewItemView = z.infer<typeof reviewItemViewSchema>;
