import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { abilitySchema } from '../signatures/second-person-rule.js';
import { registerKeySchema } from '../register/asset.schema.js';

export const ACCESS_REQUEST_STATUSES = ['requested', 'approved', 'granted', 'rejected'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** The trigger of the catalogue's approval control, access-request-approval (access.yaml). */
export const ACCESS_REQUESTED_TRIGGER = 'access-requested';

export const createAccessRequestBodySchema = z.object({
  person: z
    .email('must be the e-mail of a person in the people register')
    .max(254)
    .transform((value) => value.toLowerCase()),
  asset: registerKeySchema.describe('The system access is requested to'),
  role: z.string().trim().min(1, 'name the predefined role').max(200),
  justification: z.string().trim().min(1, 'say why the access is needed').max(4000),
});
export type CreateAccessRequestInput = z.infer<typeof createAccessRequestBodySchema>;

export const accessRequestViewSchema = z.object({
  id: z.uuid(),
  person: z.string().describe('E-mail of the person the access is for'),
  asset: z.string(),
  role: z.string(),
  justification: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvalSignatureId: z.uuid().nullable(),
  grantedBy: z.string().nullable(),
  grantedAt: z.string().nullable(),
  rejectedBy: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  rejectionSignatureId: z.uuid().nullable(),
  abilities: z.object({
    approve: abilitySchema,
    reject: abilitySchema.describe('Same rule as approving: a second person, while requested'),
  }),
});
export type AccessRequestView = z.infer<typeof accessRequestViewSchema>;

export const accessRequestPageSchema = pageSchema(accessRequestViewSchema);
export const listAccessRequestsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional(),
  status: z.enum(ACCESS_REQUEST_STATUSES).optional(),
});
export type ListAccessRequestsQuery = z.infer<typeof listAccessRequestsQuerySchema>;
