import type { AppContext } from '../../platform/context.js';
import type { EmailToQueue } from '../../platform/mail/outbox.js';
import type { InvitationIssued } from './auditor-engagement.schema.js';

const DAY_MS = 86_400_000;
/** How long the set-password link of an invitation works (never past the engagement's end). */
export const INVITATION_LINK_DAYS = 7;

/** The invitation e-mail's category: urgent in the outbox (platform/mail/outbox-priority.ts). */
export const INVITATION_CATEGORY = 'auditor-invitation';

export interface InvitationFacts {
  engagementId: string;
  email: string;
  name: string;
  framework: string;
  periodFrom: string;
  periodTo: string;
  startsAt: Date;
  expiresAt: Date;
}

/** Until when a link issued at `issuedAt` works: a week, never past the engagement's end. */
export function invitationLinkEnd(issuedAt: Date, engagementExpiresAt: Date): Date {
  return new Date(
    Math.min(issuedAt.getTime() + INVITATION_LINK_DAYS * DAY_MS, engagementExpiresAt.getTime()),
  );
}

/**
 * The link an invitation gives: the one-time set-password link of a new account, or the sign-in
 * page for an auditor who already has a password.
 */
function invitationLink(publicUrl: string, token: string | null): string {
  return token === null
    ? `${publicUrl}/login`
    : `${publicUrl}/auditor-invitation?token=${encodeURIComponent(token)}`;
}

/**
 * What the admin is told about an invitation just issued: the link to copy, and whether an e-mail
 * will carry it. Without SMTP the e-mail waits in the outbox and nothing is sent, and it says so.
 */
export function invitationIssued(
  ctx: Pick<AppContext, 'config' | 'mailer'>,
  facts: InvitationFacts,
  token: string | null,
  issuedAt: Date,
): InvitationIssued {
  return {
    link: invitationLink(ctx.config.publicUrl, token),
    oneTimeLink: token !== null,
    linkExpiresAt:
      token === null ? null : invitationLinkEnd(issuedAt, facts.expiresAt).toISOString(),
    email: ctx.mailer ? 'queued' : 'smtp_not_configured',
  };
}

/** The invitation e-mail, queued in the outbox's urgent lane. */
export function invitationEmail(
  publicUrl: string,
  facts: InvitationFacts,
  token: string | null,
): EmailToQueue {
  const lines = [
    `Hello ${facts.name},`,
    '',
    `You have been given read-only access to Plumbline to audit ${facts.framework}`,
    `for the period ${facts.periodFrom} to ${facts.periodTo}.`,
    `Your access runs from ${facts.startsAt.toISOString()} to ${facts.expiresAt.toISOString()}.`,
    '',
  ];
  if (token !== null) {
    lines.push(
      `Set your password with this one-time link (valid ${INVITATION_LINK_DAYS} days):`,
      invitationLink(publicUrl, token),
      '',
      'At your first sign-in you will set up two-factor authentication (an authenticator app).',
    );
  } else {
    lines.push(
      `Sign in at ${invitationLink(publicUrl, null)} with your existing Plumbline password.`,
    );
  }
  lines.push('', 'Everything you view or download is recorded in the audit trail.');
  return {
    recipient: facts.email,
    subject: `Plumbline: audit access for ${facts.framework}, ${facts.periodFrom} to ${facts.periodTo}`,
    text: lines.join('\n'),
    category: INVITATION_CATEGORY,
    related: { entityType: 'auditor_engagement', entityId: facts.engagementId },
  };
}
