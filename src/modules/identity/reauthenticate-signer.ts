import type { Transaction } from 'kysely';
import { verifyPassword } from '../../platform/auth/passwords.js';
import type { Role } from '../../platform/auth/roles.js';
import type { SecretBox } from '../../platform/crypto/secrets.js';
import type { Database } from '../../platform/db/schema.js';
import { matchSecondFactor } from './second-factor.js';
import { userRepository } from './user.repository.js';

export interface SignerCredentials {
  password?: string | undefined;
  totpCode?: string | undefined;
}

export type SignerCheck =
  | {
      ok: true;
      method: 'password' | 'totp';
      signer: { id: string; label: string; role: Role };
    }
  | { ok: false; reason: string };

/**
 * Re-authenticates a signed-in person at the moment of an electronic signature: their password,
 * or a TOTP code that has not been used before (the step is spent in the caller's transaction,
 * so one code signs once). Runs inside the signing transaction with the user row locked.
 */
export async function reauthenticateSigner(
  trx: Transaction<Database>,
  deps: { secretBox: SecretBox; now: Date },
  userId: string,
  credentials: SignerCredentials,
): Promise<SignerCheck> {
  const user = await userRepository.findByIdForUpdate(trx, userId);
  if (!user || user.disabled_at !== null) return { ok: false, reason: 'the account is disabled' };
  const signer = { id: user.id, label: `${user.name} <${user.email}>`, role: user.role as Role };
  if (credentials.totpCode !== undefined) {
    const code = credentials.totpCode.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'a signature needs a 6-digit code' };
    const match = matchSecondFactor(user, code, deps.now, deps.secretBox);
    if (match.kind !== 'totp') {
      return { ok: false, reason: match.kind === 'none' ? match.reason : 'code refused' };
    }
    await userRepository.update(trx, user.id, { mfa_last_step: String(match.step) }, deps.now);
    return { ok: true, method: 'totp', signer };
  }
  if (credentials.password !== undefined) {
    if (!(await verifyPassword(user.password_hash, credentials.password))) {
      return { ok: false, reason: 'the password is wrong' };
    }
    return { ok: true, method: 'password', signer };
  }
  return { ok: false, reason: 'give your password or a two-factor code to sign' };
}
