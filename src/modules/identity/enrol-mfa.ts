import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { matchTotpStep, newTotpSecret, totpUri } from '../../platform/auth/totp.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { sessionRepository } from './session.repository.js';
import { userRepository } from './user.repository.js';

const RECOVERY_CODE_COUNT = 10;

function sessionUser(principal: Principal): { userId: string; sessionIdHash: string } {
  if (principal.via !== 'session')
    throw new AppError('forbidden', 'MFA enrolment needs a signed-in person, not a token');
  if (principal.sessionState === 'mfa_pending')
    throw new AppError('mfa_required', 'Enter your current two-factor code first');
  return { userId: principal.userId, sessionIdHash: principal.sessionIdHash };
}

/** Starts enrolment: a new secret (kept sealed until confirmed) and a QR code for the app. */
export async function startMfaEnrolment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
): Promise<{ secret: string; otpauthUri: string; qrCodeDataUrl: string }> {
  const { userId } = sessionUser(principal);
  const user = await userRepository.findById(ctx.db, userId);
  if (!user) throw new AppError('unauthenticated', 'The account no longer exists');
  if (user.mfa_enabled)
    throw new AppError(
      'conflict',
      'Two-factor authentication is already set up; ask an admin to reset it',
    );
  const secret = newTotpSecret();
  await mutate(ctx, principal.actor, async (tx) => {
    await userRepository.update(
      tx.trx,
      userId,
      { mfa_pending_secret: ctx.secretBox.seal(secret) },
      tx.now,
    );
    await tx.audit({ action: 'user.mfa_enrolment_started', entityType: 'user', entityId: userId });
  });
  const otpauthUri = totpUri(secret, user.email);
  return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri) };
}

/** Confirms enrolment with a first code; returns recovery codes, shown this once only. */
export async function confirmMfaEnrolment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const { userId, sessionIdHash } = sessionUser(principal);
  const user = await userRepository.findById(ctx.db, userId);
  if (!user?.mfa_pending_secret) throw new AppError('conflict', 'Start enrolment first');
  const secret = ctx.secretBox.open(user.mfa_pending_secret);
  const step = matchTotpStep(secret, code.trim(), ctx.clock.now());
  if (step === null)
    throw new AppError(
      'validation_failed',
      'The code does not match; check the time on your device',
      { issues: [{ path: 'body.code', message: 'does not match' }] },
    );
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    randomBytes(5).toString('hex'),
  );
  await mutate(ctx, principal.actor, async (tx) => {
    await userRepository.update(
      tx.trx,
      userId,
      {
        mfa_secret: user.mfa_pending_secret,
        mfa_pending_secret: null,
        mfa_enabled: true,
        mfa_last_step: String(step),
        recovery_code_hashes: JSON.stringify(recoveryCodes.map((c) => sha256Hex(c))),
      },
      tx.now,
    );
    await sessionRepository.setState(tx.trx, sessionIdHash, 'active');
    await tx.audit({
      action: 'user.mfa_enabled',
      entityType: 'user',
      entityId: userId,
      after: { mfaEnabled: true },
    });
  });
  return { recoveryCodes };
}
