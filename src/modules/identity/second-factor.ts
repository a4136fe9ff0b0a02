import { matchTotpStep } from '../../platform/auth/totp.js';
import { sha256Hex, type SecretBox } from '../../platform/crypto/secrets.js';
import type { UserRow } from '../../platform/db/schema.js';

export type SecondFactorMatch =
  | { kind: 'totp'; step: number }
  | { kind: 'recovery'; remainingHashes: string[] }
  | { kind: 'none'; reason: string };

/**
 * Checks a TOTP code (refusing any time step already used, so a code seen over a shoulder or in a
 * log cannot be replayed) or a single-use recovery code.
 */
export function matchSecondFactor(
  user: Pick<UserRow, 'mfa_secret' | 'mfa_last_step' | 'recovery_code_hashes'>,
  code: string,
  now: Date,
  secretBox: SecretBox,
): SecondFactorMatch {
  if (!user.mfa_secret) return { kind: 'none', reason: 'two-factor authentication is not set up' };
  const trimmed = code.replace(/\s+/g, '');
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotpStep(secretBox.open(user.mfa_secret), trimmed, now);
    if (step === null) return { kind: 'none', reason: 'the code is wrong or expired' };
    if (user.mfa_last_step !== null && step <= Number(user.mfa_last_step)) {
      return { kind: 'none', reason: 'this code was already used; wait for the next one' };
    }
    return { kind: 'totp', step };
  }
  const hashed = sha256Hex(trimmed.toLowerCase());
  if (user.recovery_code_hashes.includes(hashed)) {
    return {
      kind: 'recovery',
      remainingHashes: user.recovery_code_hashes.filter((h) => h !== hashed),
    };
  }
  return { kind: 'none', reason: 'the code is wrong or expired' };
}
