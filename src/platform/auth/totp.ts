import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer = 'Plumbline'): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    period: PERIOD_SECONDS,
  }).toString();
}

/** The code an authenticator app shows at `at`; used by tests and the demo. */
export function totpCodeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD_SECONDS }).generate({
    timestamp: at.getTime(),
  });
}

/**
 * Checks a code within ±1 time step and returns the step it matched. Callers refuse any step at
 * or before the last one accepted for the user, which blocks replay of an observed code.
 */
export function matchTotpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD_SECONDS });
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
}
