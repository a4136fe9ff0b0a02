import { z } from 'zod';
import { OWNER_ROLES } from '../register/asset.schema.js';

/** Where a nonconformance stands; CAPA builds on this later. */
export const NONCONFORMANCE_STATUSES = ['open', 'investigating', 'closed'] as const;
export type NonconformanceStatus = (typeof NONCONFORMANCE_STATUSES)[number];

/** The legal moves between statuses; a closed nonconformance stays closed. */
export const NONCONFORMANCE_TRANSITIONS: Record<
  NonconformanceStatus,
  readonly NonconformanceStatus[]
> = {
  open: ['investigating', 'closed'],
  investigating: ['open', 'closed'],
  closed: [],
};

export const NONCONFORMANCE_SOURCES = ['occurrence'] as const;

export const nonconformanceViewSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('NC-0001'),
  sourceType: z.enum(NONCONFORMANCE_SOURCES),
  sourceId: z.uuid(),
  title: z.string(),
  description: z.string(),
  ownerRole: z.string(),
  status: z.enum(NONCONFORMANCE_STATUSES),
  raisedAt: z.string(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type NonconformanceView = z.infer<typeof nonconformanceViewSchema>;

export const updateNonconformanceBodySchema = z.object({
  status: z.enum(NONCONFORMANCE_STATUSES).optional(),
  owner: z.enum(OWNER_ROLES).optional().describe('Owner role'),
  description: z.string().trim().max(10_000).optional(),
});
export type UpdateNonconformanceInput = z.infer<typeof updateNonconformanceBodySchema>;

export const formatNonconformanceNumber = (number: number): string =>
  `NC-${String(number).padStart(4, '0')}`;
