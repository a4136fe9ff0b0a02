/** How long after the provider's sign-in its signing proof may still be issued. */
export const FRESH_AUTHENTICATION_SECONDS = 300;

/** How long a signing proof signs, and then only once. */
export const SIGNING_PROOF_SECONDS = 300;

/**
 * The provider's clock and ours may differ a little: an `auth_time` up to this much before the
 * signing intent (it is in whole seconds) still counts as after it.
 */
const CLOCK_LEEWAY_SECONDS = 5;

export type ReauthenticationRefusal =
  | 'other_session'
  | 'invalid_response'
  | 'not_linked'
  | 'wrong_subject'
  | 'no_auth_time'
  | 'stale_authentication';

export type ReauthenticationCheck =
  { ok: true; authenticatedAt: Date } | { ok: false; reason: ReauthenticationRefusal };

/**
 * Decides whether the provider's answer re-authenticated the person who asked to sign: the
 * subject is the one linked to their account, and the ID token's `auth_time` says they signed in
 * after the signing intent was made and at most five minutes ago. A provider that ignored
 * `prompt=login` and `max_age=0` and answered from an older session is refused here.
 */
export function checkSigningReauthentication(input: {
  linked: { issuer: string; subject: string } | undefined;
  identity: { issuer: string; subject: string; claims: Record<string, unknown> };
  requestedAt: Date;
  now: Date;
}): ReauthenticationCheck {
  const { linked, identity } = input;
  if (!linked) return { ok: false, reason: 'not_linked' };
  if (linked.issuer !== identity.issuer || linked.subject !== identity.subject) {
    return { ok: false, reason: 'wrong_subject' };
  }
  const authTime = identity.claims.auth_time;
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) {
    return { ok: false, reason: 'no_auth_time' };
  }
  const authenticatedAt = new Date(authTime * 1000);
  const requestedAtSeconds = Math.floor(input.requestedAt.getTime() / 1000);
  const ageSeconds = (input.now.getTime() - authenticatedAt.getTime()) / 1000;
  if (
    authTime < requestedAtSeconds - CLOCK_LEEWAY_SECONDS ||
    ageSeconds > FRESH_AUTHENTICATION_SECONDS
  ) {
    return { ok: false, reason: 'stale_authentication' };
  }
  return { ok: true, authenticatedAt };
}
