import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import type { Principal } from '../../platform/http/principal.js';
import type { OidcClient } from './oidc-client.js';
import { signingProofRepository } from './signing-proof.repository.js';
import {
  checkSigningReauthentication,
  SIGNING_PROOF_SECONDS,
  type ReauthenticationRefusal,
} from './signing-reauthentication.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import type { PendingSsoLogin } from './sso-pending-login.js';
import { userRepository } from './user.repository.js';

export type SigningReauthentication =
  | { outcome: 'proof'; signingProof: string; expiresAt: Date; next: string }
  | { outcome: 'refused'; reason: ReauthenticationRefusal; next: string };

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/**
 * Finishes the re-authentication of a single sign-on user about to sign: the browser must still
 * be in the session that asked, the provider's answer must check out (state, nonce, PKCE, ID
 * token), its subject must be the one linked to the user and its `auth_time` fresh. Then a
 * signing proof is issued (kept as a hash, bound to user and session, five minutes, single use)
 * that a signing request gives instead of a password. Refusals are audited as `signature.failed`.
 */
export async function finishSigningReauthentication(
  ctx: Ctx,
  oidc: OidcClient,
  input: {
    callbackUrl: URL;
    pending: PendingSsoLogin & { signing: NonNullable<PendingSsoLogin['signing']> };
    principal: Principal | null;
  },
): Promise<SigningReauthentication> {
  const { pending, principal } = input;
  const { userId, sessionIdHash } = pending.signing;
  const user = await userRepository.findById(ctx.db, userId);
  const actor: Actor = {
    type: 'user',
    id: userId,
    label: user?.email ?? userId,
    role: (user?.role ?? 'viewer') as UserRole,
  };
  const refuse = (reason: ReauthenticationRefusal, details: Record<string, unknown> = {}) =>
    mutate(ctx, actor, async (tx) => {
      await tx.audit({
        action: 'signature.failed',
        entityType: 'user',
        entityId: userId,
        after: { stage: 'identity provider re-authentication', reason, ...details },
      });
      return { outcome: 'refused' as const, reason, next: pending.next };
    });

  if (
    principal?.via !== 'session' ||
    principal.userId !== userId ||
    principal.sessionIdHash !== sessionIdHash
  ) {
    return refuse('other_session');
  }
  const answer = await oidc.finishAuthorization(input.callbackUrl, pending);
  if (!answer.ok) return refuse('invalid_response', { problem: answer.problem });
  const { identity } = answer;
  const linked = await ssoIdentityRepository.findForUser(ctx.db, userId);
  const now = ctx.clock.now();
  const check = checkSigningReauthentication({
    linked,
    identity,
    requestedAt: new Date(pending.signing.requestedAt),
    now,
  });
  const seen = {
    issuer: identity.issuer,
    subject: identity.subject,
    authTime: identity.claims.auth_time ?? null,
  };
  if (!check.ok) return refuse(check.reason, seen);

  const signingProof = randomToken('sgp_');
  const expiresAt = new Date(now.getTime() + SIGNING_PROOF_SECONDS * 1000);
  return mutate(ctx, actor, async (tx) => {
    await signingProofRepository.insert(tx.trx, {
      tokenHash: sha256Hex(signingProof),
      userId,
      sessionIdHash,
      issuer: identity.issuer,
      subject: identity.subject,
      authenticatedAt: check.authenticatedAt,
      now: tx.now,
      expiresAt,
    });
    await tx.audit({
      action: 'signature.reauthenticated',
      entityType: 'user',
      entityId: userId,
      after: { ...seen, expiresAt: expiresAt.toISOString() },
    });
    return { outcome: 'proof' as const, signingProof, expiresAt, next: pending.next };
  });
}
