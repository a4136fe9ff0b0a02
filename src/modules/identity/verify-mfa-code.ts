import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { matchSecondFactor } from './second-factor.js';
import { sessionRepository } from './session.repository.js';
import { userRepository } from './user.repository.js';

/**
 * Second step of signing in: a TOTP or recovery code turns a pending session into an active one.
 * The code is checked against the user row locked inside the transaction that spends it, so the
 * same code sent twice at once is accepted once only.
 */
export async function verifyMfaCode(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  code: string,
): Promise<void> {
  if (principal.via !== 'session' || principal.sessionState !== 'mfa_pending') {
    throw new AppError('conflict', 'This session is not waiting for a two-factor code');
  }
  const match = await mutate(ctx, principal.actor, async (tx) => {
    const user = await userRepository.findByIdForUpdate(tx.trx, principal.userId);
    if (!user) throw new AppError('unauthenticated', 'The account no longer exists');
    const found = matchSecondFactor(user, code, tx.now, ctx.secretBox);
    switch (found.kind) {
      case 'none':
        await tx.audit({
          action: 'session.mfa_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: found.reason },
        });
        return found;
      case 'totp':
        await userRepository.update(tx.trx, user.id, { mfa_last_step: String(found.step) }, tx.now);
        break;
      case 'recovery':
        await userRepository.update(
          tx.trx,
          user.id,
          { recovery_code_hashes: JSON.stringify(found.remainingHashes) },
          tx.now,
        );
        break;
    }
    await sessionRepository.setState(tx.trx, principal.sessionIdHash, 'active');
    await tx.audit({
      action: 'session.mfa_verified',
      entityType: 'user',
      entityId: user.id,
      after: { method: found.kind },
    });
    return found;
  });
  if (match.kind === 'none')
    throw new AppError('unauthenticated', `Two-factor code refused: ${match.reason}`);
}
