import type { UserRole } from '../../platform/auth/roles.js';
import type { UserRow } from '../../platform/db/schema.js';

/**
 * Why a single sign-on was refused; the sign-in page explains each one (LoginPage, docs/sso.md).
 * - `expired`: no pending login in this browser (expired, never started, or another browser's)
 * - `invalid_response`: the provider's answer did not check out (state, nonce, PKCE, ID token) or
 *   the provider reported an error
 * - `no_role`: none of the person's groups maps to a role
 * - `not_provisioned`: first sign-in while just-in-time creation is off
 * - `no_email`: first sign-in without an e-mail address in the ID token
 * - `email_taken`: first sign-in whose e-mail belongs to a local (password) account
 * - `account_disabled`: the linked Plumbline account is disabled
 * - `provider_unavailable`: the provider could not be reached to start signing in
 */
export const SSO_REFUSALS = [
  'expired',
  'invalid_response',
  'no_role',
  'not_provisioned',
  'no_email',
  'email_taken',
  'account_disabled',
  'provider_unavailable',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export type SsoLoginPlan =
  | { kind: 'sign_in'; user: UserRow; role: UserRole; roleChanged: boolean }
  | { kind: 'create'; email: string; name: string; role: UserRole }
  | { kind: 'refuse'; reason: SsoRefusal };

/**
 * What a validated single sign-on leads to, decided without touching anything: sign in the linked
 * user (with the role their groups map to now), create the user just in time, or refuse.
 */
export function planSsoLogin(input: {
  /** The role the person's groups map to, or null. */
  role: UserRole | null;
  /** The user already linked to the provider's (issuer, subject). */
  linkedUser: UserRow | undefined;
  email: string | null;
  name: string | null;
  /** Whether an account (linked or not) already uses the e-mail address. */
  emailTaken: boolean;
  jitCreation: boolean;
}): SsoLoginPlan {
  const { role, linkedUser } = input;
  if (role === null) return { kind: 'refuse', reason: 'no_role' };
  if (linkedUser) {
    if (linkedUser.disabled_at !== null) return { kind: 'refuse', reason: 'account_disabled' };
    return { kind: 'sign_in', user: linkedUser, role, roleChanged: linkedUser.role !== role };
  }
  if (!input.jitCreation) return { kind: 'refuse', reason: 'not_provisioned' };
  if (input.email === null) return { kind: 'refuse', reason: 'no_email' };
  // Never take over an existing account by e-mail: a local account is break-glass access.
  if (input.emailTaken) return { kind: 'refuse', reason: 'email_taken' };
  return { kind: 'create', email: input.email, name: input.name ?? input.email, role };
}
