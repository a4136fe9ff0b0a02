import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError, notFound } from '../../platform/errors.js';
import { cancelUnsentMessages, enqueueEmails } from '../../platform/mail/outbox.js';
import type { InvitationIssuedView } from './auditor-engagement.schema.js';
import { auditorEngagementRepository } from './auditor-engagement.repository.js';
import { getAuditorEngagement } from './auditor-engagement.service.js';
import { engagementStatusAt } from './engagement-access.js';
import {
  INVITATION_CATEGORY,
  invitationEmail,
  invitationIssued,
  type InvitationFacts,
} from './invitation-email.js';

/**
 * Issues an auditor's invitation again, for an invitation that was lost, never sent (no SMTP) or
 * whose link expired. While the invitation is not accepted, a new one-time link replaces the old
 * one (which stops working) and the unsent e-mails carrying the old one are cancelled; once the
 * auditor has a password, the e-mail points to the sign-in page (a link never resets a password
 * already set). Refused for a revoked or ended engagement. Audited; the e-mail goes in the
 * urgent lane, and the answer carries the link to copy.
 */
export async function resendAuditorInvitation(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer'>,
  actor: Actor,
  engagementId: string,
): Promise<InvitationIssuedView> {
  const { facts, token, issuedAt } = await mutate(ctx, actor, async (tx) => {
    const engagement = await auditorEngagementRepository.findForUpdate(tx.trx, engagementId);
    if (!engagement) throw notFound('Auditor engagement');
    const status = engagementStatusAt(engagement, tx.now);
    if (status === 'revoked' || status === 'expired') {
      throw new AppError('conflict', `This engagement is ${status}; invite the auditor again`);
    }
    const needsLink = engagement.invite_token_hash !== null && engagement.invite_used_at === null;
    const newToken = needsLink ? randomToken('inv_') : null;
    if (newToken !== null) {
      await auditorEngagementRepository.reissueInvite(
        tx.trx,
        engagement.id,
        sha256Hex(newToken),
        tx.now,
      );
    }
    const cancelled = await cancelUnsentMessages(
      tx.trx,
      { category: INVITATION_CATEGORY, entityType: 'auditor_engagement', entityId: engagement.id },
      'Replaced by a newer invitation',
    );
    const invitation: InvitationFacts = {
      engagementId: engagement.id,
      email: engagement.email,
      name: engagement.name,
      framework: engagement.framework_key,
      periodFrom: engagement.period_from,
      periodTo: engagement.period_to,
      startsAt: engagement.starts_at,
      expiresAt: engagement.expires_at,
    };
    await enqueueEmails(
      tx.trx,
      [invitationEmail(ctx.config.publicUrl, invitation, newToken)],
      tx.now,
    );
    await tx.audit({
      action: 'auditor_engagement.invitation_resent',
      entityType: 'auditor_engagement',
      entityId: engagement.id,
      after: {
        email: engagement.email,
        newLink: newToken !== null,
        cancelledEmails: cancelled,
        emailSent: ctx.mailer !== null,
      },
    });
    return { facts: invitation, token: newToken, issuedAt: tx.now };
  });
  return {
    ...(await getAuditorEngagement(ctx, engagementId)),
    invitation: invitationIssued(ctx, facts, token, issuedAt),
  };
}
