import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/errors.js';
import { auditorEngagementRepository } from './auditor-engagement.repository.js';
import { invitationLinkEnd } from './invitation-email.js';
import { userRepository } from './user.repository.js';

/**
 * Sets an invited auditor's password with the one-time link of the invitation e-mail. The link
 * works once, for INVITATION_LINK_DAYS (from when it was last issued) and never after the engagement ended or was revoked.
 */
export async function acceptAuditorInvitation(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { token: string; password: string },
): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return mutate(ctx, systemActor, async (tx) => {
    const engagement = await auditorEngagementRepository.findByInviteForUpdate(
      tx.trx,
      sha256Hex(input.token),
    );
    // A resent invitation's link counts from when it was issued again.
    const linkEnd = engagement
      ? invitationLinkEnd(
          engagement.invite_issued_at ?? engagement.created_at,
          engagement.expires_at,
        ).getTime()
      : 0;
    if (
      !engagement ||
      engagement.invite_used_at !== null ||
      engagement.revoked_at !== null ||
      tx.now.getTime() >= linkEnd
    ) {
      throw new AppError(
        'forbidden',
        'This invitation link is invalid, used or expired; ask for a new invitation',
      );
    }
    await auditorEngagementRepository.markInviteUsed(tx.trx, engagement.id, tx.now);
    const user = await userRepository.update(
      tx.trx,
      engagement.user_id,
      { password_hash: passwordHash },
      tx.now,
    );
    await tx.audit({
      action: 'auditor_engagement.invitation_accepted',
      entityType: 'auditor_engagement',
      entityId: engagement.id,
      after: { userId: user.id, email: user.email },
    });
    return { email: user.email };
  });
}
