import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { AppError, notFound } from '../../platform/errors.js';
import { sessionRepository } from './session.repository.js';
import { userRepository } from './user.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** A person changes their own password, proving they know the current one. Other sessions end. */
export async function changeOwnPassword(
  ctx: Ctx,
  actor: Actor,
  input: {
    userId: string;
    currentSessionIdHash: string;
    currentPassword: string;
    newPassword: string;
  },
): Promise<void> {
  const user = await userRepository.findById(ctx.db, input.userId);
  if (!user) throw notFound('User');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is wrong', {
      issues: [{ path: 'body.currentPassword', message: 'is wrong' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await mutate(ctx, actor, async (tx) => {
    await userRepository.update(tx.trx, user.id, { password_hash: passwordHash }, tx.now);
    await sessionRepository.deleteOthersForUser(tx.trx, user.id, input.currentSessionIdHash);
    await tx.audit({ action: 'user.password_changed', entityType: 'user', entityId: user.id });
  });
}

/** An admin sets a new password for someone who lost theirs; all of that person's sessions end. */
export async function resetUserPassword(
  ctx: Ctx,
  actor: Actor,
  userId: string,
  newPassword: string,
): Promise<void> {
  const user = await userRepository.findById(ctx.db, userId);
  if (!user) throw notFound('User');
  const passwordHash = await hashPassword(newPassword);
  await mutate(ctx, actor, async (tx) => {
    await userRepository.update(tx.trx, user.id, { password_hash: passwordHash }, tx.now);
    await sessionRepository.deleteForUser(tx.trx, user.id);
    await tx.audit({ action: 'user.password_reset', entityType: 'user', entityId: user.id });
  });
}
