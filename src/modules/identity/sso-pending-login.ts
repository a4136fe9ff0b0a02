import { z } from 'zod';
import type { SecretBox } from '../../platform/crypto/secrets.js';

/** How long a person has at the provider between leaving Plumbline and coming back. */
export const PENDING_SSO_LOGIN_SECONDS = 600;

/** The cookie that carries the pending login between the start and the callback. */
export const PENDING_SSO_COOKIE = 'plumbline_sso';

const pendingSsoLoginSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  next: z.string(),
  expiresAt: z.iso.datetime(),
  /**
   * Set when the round trip is the re-authentication of an e-signature, not a sign-in: who asked
   * (user and session) and when, which the provider's `auth_time` must not precede.
   */
  signing: z
    .object({ userId: z.string(), sessionIdHash: z.string(), requestedAt: z.iso.datetime() })
    .optional(),
});

/** What the callback must find again: the values the provider's answer is checked against. */
export type PendingSsoLogin = z.infer<typeof pendingSsoLoginSchema>;

/**
 * Seals the pending login for its cookie: AES-256-GCM under the instance key, so the browser can
 * neither read the PKCE verifier nor forge or alter any of it.
 */
export function sealPendingSsoLogin(secretBox: SecretBox, pending: PendingSsoLogin): string {
  return secretBox.seal(JSON.stringify(pending));
}

/** The pending login of the cookie, or null when it is missing, forged, altered or expired. */
export function openPendingSsoLogin(
  secretBox: SecretBox,
  sealed: string | undefined,
  now: Date,
): PendingSsoLogin | null {
  if (sealed === undefined || sealed === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretBox.open(sealed));
  } catch {
    return null;
  }
  const pending = pendingSsoLoginSchema.safeParse(parsed);
  if (!pending.success || new Date(pending.data.expiresAt) <= now) return null;
  return pending.data;
}
