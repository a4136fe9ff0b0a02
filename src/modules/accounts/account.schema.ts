import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { ACCOUNT_IMPORT_FORMATS } from './parsers/index.js';
import { REVOCATION_OUTCOMES, REVOCATION_REASONS } from './revocation-clock.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant();

export const importAccountsQuerySchema = z.object({
  asset: registerKeySchema.describe('The system (asset) the listing comes from'),
  format: z.enum(ACCOUNT_IMPORT_FORMATS).describe('csv or aws-iam-credential-report'),
  takenAt: isoDateTime
    .optional()
    .describe(
      'When the listing was taken (for an IAM report, its GeneratedTime); default: when it is imported',
    ),
});

export const importAccountsResultSchema = z.object({
  asset: z.string(),
  format: z.enum(ACCOUNT_IMPORT_FORMATS),
  takenAt: z.string().describe('The snapshot time every change of this import is recorded at'),
  received: z.number().int().describe('Accounts in the listing'),
  created: z.number().int().describe('Accounts seen for the first time'),
  updated: z.number().int().describe('Accounts whose state changed'),
  alreadyRecorded: z.number().int().describe('Accounts exactly as the previous snapshot showed'),
  removed: z.number().int().describe('Accounts missing from this listing, recorded as removed'),
  snapshotRecorded: z.boolean().describe('False when this very snapshot was already imported'),
  clocksStopped: z.number().int().describe('Revocation clocks this snapshot stopped'),
  privilegedWithoutMfa: z
    .array(z.string())
    .describe('Enabled privileged accounts without MFA: the MFA control fails'),
  mfaOccurrenceSatisfied: z
    .boolean()
    .nullable()
    .describe('Whether the MFA control occurrence covering the snapshot was met; null: none'),
});
export type ImportAccountsResult = z.infer<typeof importAccountsResultSchema>;

export const accountViewSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string().nullable(),
  personId: z.uuid().nullable(),
  personEmail: z.string().nullable(),
  roles: z.array(z.string()),
  privileged: z.boolean(),
  mfaEnabled: z.boolean().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  disabledSince: z.string().nullable(),
  removedAt: z.string().nullable(),
  flags: z.object({
    privilegedWithoutMfa: z.boolean(),
    unrequested: z.boolean().describe('No approved access request for this person and system'),
    leaverStillActive: z.boolean(),
  }),
});
export type AccountView = z.infer<typeof accountViewSchema>;
export const accountPageSchema = pageSchema(accountViewSchema);

export const listAccountsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema,
  includeRemoved: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Also list accounts that have disappeared'),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuerySchema>;

export const revocationClockViewSchema = z.object({
  id: z.uuid(),
  reason: z.enum(REVOCATION_REASONS),
  asset: z.string(),
  username: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  stoppedAt: z.string().nullable().describe('When the first snapshot showed the account revoked'),
  outcome: z.enum(REVOCATION_OUTCOMES).nullable(),
  occurrenceId: z.uuid().nullable(),
});
export type RevocationClockView = z.infer<typeof revocationClockViewSchema>;
