import { z } from 'zod';
import { pageSchema } from '../../platform/http/paging.js';
import { frameworkKeySchema } from '../controls/catalog.schema.js';
import { emailSchema, passwordSchema } from './user.schema.js';
import { isoCalendarDate, isoInstant } from '../../platform/time/iso-instant.js';

const isoDate = isoCalendarDate();
const isoDateTime = isoInstant('must be an ISO date-time such as 2027-03-31T17:00:00Z');

/** The longest access an engagement may grant, counted from its start (docs/auditor-access.md). */
export const MAX_ENGAGEMENT_DAYS = 180;

export const inviteAuditorBodySchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, 'is required').max(200),
    framework: frameworkKeySchema,
    periodFrom: isoDate.describe('First day of the audited period (organisation time zone)'),
    periodTo: isoDate.describe('Last day of the audited period, inclusive'),
    startsAt: isoDateTime.optional().describe('When access begins (default: now)'),
    expiresAt: isoDateTime.describe(
      `When access ends: in the future, after startsAt, at most ${MAX_ENGAGEMENT_DAYS} days after it`,
    ),
  })
  .refine((body) => body.periodFrom <= body.periodTo, {
    message: 'must not be before periodFrom',
    path: ['periodTo'],
  });
export type InviteAuditorInput = z.infer<typeof inviteAuditorBodySchema>;

export const ENGAGEMENT_STATUSES = ['scheduled', 'active', 'expired', 'revoked'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

export const auditorEngagementViewSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  framework: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  startsAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(ENGAGEMENT_STATUSES).describe('At the time of the request'),
  invitationAccepted: z.boolean().describe('The auditor set a password with the invitation link'),
  invitedBy: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditorEngagementView = z.infer<typeof auditorEngagementViewSchema>;

export const auditorEngagementListSchema = pageSchema(auditorEngagementViewSchema);

/** Whether an invitation e-mail will be sent: never claimed when SMTP is not configured. */
export const INVITATION_EMAIL_STATUSES = ['queued', 'smtp_not_configured'] as const;

export const invitationIssuedSchema = z.object({
  link: z
    .string()
    .describe(
      'The link to give the auditor: a one-time set-password link, or the sign-in page for an auditor who already has a password. Shown once; resending issues a new one',
    ),
  oneTimeLink: z.boolean(),
  linkExpiresAt: z.string().nullable().describe('When a one-time link stops working'),
  email: z
    .enum(INVITATION_EMAIL_STATUSES)
    .describe(
      'queued: the e-mail leaves within a minute (outbox, urgent lane); smtp_not_configured: nothing is sent until PLUMBLINE_SMTP_URL is set, so give the link yourself',
    ),
});
export type InvitationIssued = z.infer<typeof invitationIssuedSchema>;

/** An engagement with the invitation just issued (invite, resend). */
export const invitationIssuedViewSchema = auditorEngagementViewSchema.extend({
  invitation: invitationIssuedSchema,
});
export type InvitationIssuedView = z.infer<typeof invitationIssuedViewSchema>;

export const acceptInvitationBodySchema = z.object({
  token: z.string().min(1, 'is required').max(200),
  password: passwordSchema,
});

/** What the engaged auditor's own session reports, for the web banner. */
export const ownEngagementSchema = z.object({
  framework: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  expiresAt: z.string(),
});
