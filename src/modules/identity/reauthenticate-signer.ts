import type { Transaction } from 'kysely';
import { verifyPassword } from '../../platform/auth/passwords.js';
import type { Role } from '../../platform/auth/roles.js';
import { sha256Hex, type SecretBox } from '../../platform/crypto/secrets.js';
import type { Database } from '../../platform/db/schema.js';
import { matchSecondFactor } from './second-factor.js';
import { signingProofRepository } from './signing-proof.repository.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import { userRepository } from './user.repository.js';

export interface SignerCredentials {
  password?: string | undefined;
  totpCode?: string | undefined;
  /** A single sign-on user's proof of a fresh sign-in at the provider (docs/sso.md). */
  signingProof?: string | undefined;
}

export type SignerCheck =
  | {
      ok: true;
      method: 'password' | 'totp' | 'sso';
      signer: { id: string; label: string; role: Role };
    }
  | { ok: false; reason: string };

/**
 * Re-authenticates a signed-in person at the moment of an electronic signature. A local account
 * gives its password, or a TOTP code that has not been used before (the step is spent in the
 * caller's transaction, so one code signs once). A single sign-on account has neither: it gives
 * the signing proof its fresh sign-in at the provider yielded, which must be its own, from this
 * session, unexpired and unused (spent here, so it signs once). Runs inside the signing
 * transaction with the user row locked.
 */
export async function reauthenticateSigner(
  trx: Transaction<Database>,
  deps: { secretBox: SecretBox; now: Date },
  session: { userId: string; sessionIdHash: string },
  credentials: SignerCredentials,
): Promise<SignerCheck> {
  const user = await userRepository.findByIdForUpdate(trx, session.userId);
  if (!user || user.disabled_at !== null) return { ok: false, reason: 'the account is disabled' };
  const signer = { id: user.id, label: `${user.name} <${user.email}>`, role: user.role as Role };
  const viaSso = await ssoIdentityRepository.isLinked(trx, user.id);
  if (credentials.signingProof !== undefined) {
    if (!viaSso) return { ok: false, reason: 'the account is not a single sign-on account' };
    const refusal = await spendSigningProof(trx, deps.now, session, credentials.signingProof);
    return refusal === null ? { ok: true, method: 'sso', signer } : { ok: false, reason: refusal };
  }
  if (viaSso && (credentials.password !== undefined || credentials.totpCode !== undefined)) {
    return {
      ok: false,
      reason: 'a single sign-on account signs by signing in again at its identity provider',
    };
  }
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

/** Spends a signing proof for this session's user; the refusal, or null when it signs. */
async function spendSigningProof(
  trx: Transaction<Database>,
  now: Date,
  session: { userId: string; sessionIdHash: string },
  proof: string,
): Promise<string | null> {
  const tokenHash = sha256Hex(proof);
  const row = await signingProofRepository.findForUpdate(trx, tokenHash);
  if (!row || row.user_id !== session.userId) return 'the signing proof is unknown';
  if (row.session_id_hash !== session.sessionIdHash) {
    return 'the signing proof belongs to another session';
  }
  if (row.used_at !== null) return 'the signing proof was already used';
  if (new Date(row.expires_at) <= now) return 'the signing proof has expired';
  await signingProofRepository.markUsed(trx, tokenHash, now);
  return null;
}
