import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { sessionRepository } from './session.repository.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import { userRepository } from './user.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

export interface SsoIdentityView {
  userId: string;
  issuer: string;
  subject: string;
  linkedAt: string;
}

function configuredIssuer(ctx: Ctx): string {
  const sso = ctx.config.sso;
  if (!sso) throw new AppError('conflict', 'Single sign-on is not configured');
  return sso.issuer;
}

/**
 * Links an existing account (a local one, usually) to a person at the configured provider, by
 * the subject (`sub`) the provider gives them. From then on the person signs in and e-signs
 * through the provider only: their open sessions end and password sign-in is refused. An account
 * has one link, and a subject one account.
 */
export async function linkSsoIdentity(
  ctx: Ctx,
  actor: Actor,
  userId: string,
  input: { subject: string },
): Promise<SsoIdentityView> {
  const issuer = configuredIssuer(ctx);
  // Linking again to the same identity changes nothing, so it is answered without a mutation.
  const existing = await ssoIdentityRepository.findForUser(ctx.db, userId);
  if (existing?.issuer === issuer && existing.subject === input.subject) {
    const linkedAt = new Date(existing.created_at).toISOString();
    return { userId, issuer, subject: input.subject, linkedAt };
  }
  return mutate(ctx, actor, async (tx) => {
    const user = await userRepository.findByIdForUpdate(tx.trx, userId);
    if (!user) throw notFound('User');
    if (await ssoIdentityRepository.isLinked(tx.trx, userId)) {
      throw new AppError('conflict', 'This account is linked to another identity: unlink it first');
    }
    const holder = await ssoIdentityRepository.findUserIdForUpdate(tx.trx, issuer, input.subject);
    if (holder !== undefined) {
      throw new AppError('conflict', 'This identity is linked to another account', {
        issues: [{ path: 'body.subject', message: 'is linked to another account' }],
      });
    }
    await ssoIdentityRepository.insert(tx.trx, {
      issuer,
      subject: input.subject,
      userId,
      now: tx.now,
    });
    await sessionRepository.deleteForUser(tx.trx, userId);
    await tx.audit({
      action: 'user.sso_linked',
      entityType: 'user',
      entityId: userId,
      after: { email: user.email, issuer, subject: input.subject },
    });
    return { userId, issuer, subject: input.subject, linkedAt: tx.now.toISOString() };
  });
}

/**
 * Removes an account's link to its provider identity: the person can no longer sign in through
 * the provider, and their open sessions end. They sign in with a password again only after an
 * administrator sets one (an account created at single sign-on has none).
 */
export async function unlinkSsoIdentity(ctx: Ctx, actor: Actor, userId: string): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const user = await userRepository.findByIdForUpdate(tx.trx, userId);
    if (!user) throw notFound('User');
    const removed = await ssoIdentityRepository.deleteForUser(tx.trx, userId);
    if (!removed) throw notFound('Single sign-on link');
    await sessionRepository.deleteForUser(tx.trx, userId);
    await tx.audit({
      action: 'user.sso_unlinked',
      entityType: 'user',
      entityId: userId,
      before: { email: user.email, issuer: removed.issuer, subject: removed.subject },
    });
  });
}
