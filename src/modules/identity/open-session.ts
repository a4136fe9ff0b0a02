import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Config } from '../../platform/config.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import type { SessionState } from '../../platform/http/principal.js';
import { sessionRepository } from './session.repository.js';

export interface OpenedSession {
  sessionToken: string;
  csrfToken: string;
  state: SessionState;
  expiresAt: Date;
}

/**
 * Opens a browser session for a user inside the sign-in's transaction: the one way a password
 * sign-in and a single sign-on open their sessions, so both are the same kind of session.
 */
export async function openSession(
  tx: AuditedTransaction,
  config: Pick<Config, 'sessionTtlHours'>,
  values: {
    userId: string;
    state: SessionState;
    ip: string | null;
    userAgent: string | null;
    /** A single sign-on session's ID token, already sealed: the hint of its sign-out. */
    ssoIdToken?: string | undefined;
  },
): Promise<OpenedSession> {
  const sessionToken = randomToken('ses_');
  const csrfToken = randomToken('', 24);
  const expiresAt = new Date(tx.now.getTime() + config.sessionTtlHours * 3_600_000);
  await sessionRepository.insert(tx.trx, {
    idHash: sha256Hex(sessionToken),
    userId: values.userId,
    state: values.state,
    csrfToken,
    now: tx.now,
    expiresAt,
    ip: values.ip,
    userAgent: values.userAgent,
    ssoIdToken: values.ssoIdToken ?? null,
  });
  return { sessionToken, csrfToken, state: values.state, expiresAt };
}
