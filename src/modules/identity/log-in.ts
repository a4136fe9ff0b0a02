import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { dummyPasswordHash, verifyPassword } from '../../platform/auth/passwords.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { AppError } from '../../platform/errors.js';
import { resolveEngagementAccess } from './engagement-access.js';
import { sessionStateAfterPassword } from './mfa-policy.js';
import { openSession, type OpenedSession } from './open-session.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import { userRepository } from './user.repository.js';

export type LogInResult = OpenedSession;

/**
 * Checks e-mail and password and opens a session. The session is only `active` when no second
 * factor is due; otherwise it may do nothing but finish MFA. Failed attempts are audited too.
 */
export async function logIn(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LogInResult> {
  const user = await userRepository.findByEmail(ctx.db, input.email);
  const passwordOk = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  // A single sign-on account has no local password: its owner signs in through the provider.
  const viaSso = user ? await ssoIdentityRepository.isLinked(ctx.db, user.id) : false;
  if (!user || !passwordOk || user.disabled_at !== null || viaSso) {
    const actor: Actor = {
      type: 'user',
      id: user?.id ?? null,
      label: input.email.toLowerCase(),
      role: 'viewer',
    };
    await mutate(ctx, actor, (tx) =>
      tx.audit({
        action: 'session.login_failed',
        entityType: 'user',
        entityId: user?.id ?? input.email.toLowerCase(),
        after: {
          ip: input.ip,
          reason: !user
            ? 'unknown account'
            : viaSso
              ? 'single sign-on account'
              : user.disabled_at
                ? 'account disabled'
                : 'wrong password',
        },
      }),
    );
    throw new AppError('unauthenticated', 'Wrong e-mail or password');
  }
  const role = user.role as UserRole;
  const engagement =
    role === 'auditor' ? await resolveEngagementAccess(ctx, user.id, ctx.clock.now()) : null;
  if (engagement?.status === 'ended') {
    throw new AppError('engagement_inactive', 'Your audit engagement is not active', {
      details: { reason: engagement.reason },
    });
  }
  const state = sessionStateAfterPassword(ctx.config, {
    role,
    mfaEnabled: user.mfa_enabled,
    engagedAuditor: engagement !== null,
  });
  const actor: Actor = { type: 'user', id: user.id, label: user.email, role };
  return mutate(ctx, actor, async (tx) => {
    // An engaged auditor's session is not cut short here: at the engagement's end the access
    // layer refuses it with a clear `engagement_inactive` and ends it (resolve-principal.ts).
    const session = await openSession(tx, ctx.config, {
      userId: user.id,
      state,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await tx.audit({
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
      after: { state, ip: input.ip },
    });
    return session;
  });
}
