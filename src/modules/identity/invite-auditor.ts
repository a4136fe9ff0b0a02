import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/errors.js';
import { enqueueEmails } from '../../platform/mail/outbox.js';
import { getFramework } from '../controls/catalog-queries.js';
import {
  MAX_ENGAGEMENT_DAYS,
  type InvitationIssuedView,
  type InviteAuditorInput,
} from './auditor-engagement.schema.js';
import { auditorEngagementRepository } from './auditor-engagement.repository.js';
import { getAuditorEngagement } from './auditor-engagement.service.js';
import { engagementStatusAt } from './engagement-access.js';
import { invitationEmail, invitationIssued, type InvitationFacts } from './invitation-email.js';
import { sessionRepository } from './session.repository.js';
import { userAuditView, userRepository } from './user.repository.js';

const DAY_MS = 86_400_000;

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `The request is invalid: ${path}: ${message}`, {
    issues: [{ path, message }],
  });

/**
 * Invites an outside auditor for one framework and period: creates their account (role
 * `auditor`, no usable password yet) or reuses an auditor account, records the engagement and
 * queues the invitation e-mail (urgent lane), all in one audited transaction. A new account gets a
 * one-time link to set its password; MFA enrolment is then required at first sign-in. The answer
 * carries the link, for the admin to copy, and whether an e-mail will be sent at all (not without
 * SMTP: then the admin hands the link over).
 */
export async function inviteAuditor(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'mailer'>,
  actor: Actor,
  input: InviteAuditorInput,
): Promise<InvitationIssuedView> {
  const now = ctx.clock.now();
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= now) throw invalid('body.expiresAt', 'must be in the future');
  if (expiresAt <= startsAt) throw invalid('body.expiresAt', 'must be after startsAt');
  if (expiresAt.getTime() - startsAt.getTime() > MAX_ENGAGEMENT_DAYS * DAY_MS) {
    throw invalid('body.expiresAt', `must be at most ${MAX_ENGAGEMENT_DAYS} days after startsAt`);
  }
  await getFramework(ctx, input.framework).catch(() => {
    throw invalid('body.framework', 'is not a framework of the catalogue');
  });
  const existing = await userRepository.findByEmail(ctx.db, input.email);
  if (existing && existing.role !== 'auditor') {
    throw new AppError('conflict', `${input.email} belongs to an account that is not an auditor`, {
      issues: [{ path: 'body.email', message: 'is used by an account with another role' }],
    });
  }
  const token = existing ? null : randomToken('inv_');
  // Nobody can sign in as a new invitee until they set a password with the link.
  const placeholderHash = existing ? null : await hashPassword(randomToken('unusable_'));

  const facts = await mutate(ctx, actor, async (tx) => {
    let userId = existing?.id;
    if (!userId) {
      const row = await userRepository.insert(tx.trx, {
        email: input.email,
        name: input.name,
        role: 'auditor',
        passwordHash: placeholderHash ?? '',
        now: tx.now,
      });
      userId = row.id;
      await tx.audit({
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        after: userAuditView(row),
      });
    }
    // An existing auditor account may hold a session opened without a second factor (internal
    // auditors need none); an engaged auditor always needs one, so they sign in again.
    if (existing) await sessionRepository.deleteForUser(tx.trx, userId);
    const others = await auditorEngagementRepository.listForUser(tx.trx, userId);
    const overlapping = others.find(
      (other) =>
        engagementStatusAt(other, tx.now) !== 'revoked' &&
        other.starts_at < expiresAt &&
        startsAt < other.expires_at,
    );
    if (overlapping) {
      throw new AppError('conflict', 'This auditor already has an engagement at that time', {
        issues: [
          { path: 'body.expiresAt', message: 'overlaps another engagement of this auditor' },
        ],
      });
    }
    const { id: engagementId } = await auditorEngagementRepository.insert(tx.trx, {
      userId,
      framework: input.framework,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      startsAt,
      expiresAt,
      invitedById: actor.id,
      invitedByLabel: actor.label,
      inviteTokenHash: token === null ? null : sha256Hex(token),
      now: tx.now,
    });
    await tx.audit({
      action: 'auditor_engagement.created',
      entityType: 'auditor_engagement',
      entityId: engagementId,
      after: {
        userId,
        email: input.email,
        framework: input.framework,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        startsAt,
        expiresAt,
      },
    });
    const facts: InvitationFacts = {
      engagementId,
      email: input.email,
      name: input.name,
      framework: input.framework,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      startsAt,
      expiresAt,
    };
    await enqueueEmails(tx.trx, [invitationEmail(ctx.config.publicUrl, facts, token)], tx.now);
    return facts;
  });
  return {
    ...(await getAuditorEngagement(ctx, facts.engagementId)),
    invitation: invitationIssued(ctx, facts, token, now),
  };
}
