import type { AppContext } from '../../platform/context.js';
import { totpCodeAt } from '../../platform/auth/totp.js';
import type { Principal } from '../../platform/http/principal.js';
import { confirmMfaEnrolment, startMfaEnrolment } from '../identity/enrol-mfa.js';
import { logIn } from '../identity/log-in.js';
import { logOut } from '../identity/log-out.js';
import { createPrincipalResolver } from '../identity/resolve-principal.js';
import { DEMO_PASSWORD } from './demo-data.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>;

/** A demo account that set up two-factor authentication while the demo loaded, and its key. */
export interface DemoMfaEnrolment {
  email: string;
  /** The authenticator key (base32), for the operator to add to an authenticator app. */
  secret: string;
}

export interface DemoSessionOptions {
  /**
   * Lets an account that must set up two-factor authentication first do so, as a person does at
   * first sign-in (the authenticator app being the loader, reading the key), and is told its key.
   * Without it such an account does nothing: its session may not act until it has enrolled.
   */
  onMfaEnrolled?: (enrolment: DemoMfaEnrolment) => void;
}

/**
 * Signs a demo account in with the published demo password, as a person does before signing a
 * record electronically, runs `work` with that session's principal, and signs out. The session
 * acts only once it is active, as the server requires of every request: an account whose role
 * requires two-factor authentication enrols first when the caller asks it to (`onMfaEnrolled`).
 * Nothing when the session cannot act (work is then left undone, as a person would leave it).
 */
export async function withDemoSession<T>(
  ctx: Ctx,
  email: string,
  work: (principal: Principal) => Promise<T>,
  options: DemoSessionOptions = {},
): Promise<T | undefined> {
  const session = await logIn(ctx, {
    email,
    password: DEMO_PASSWORD,
    ip: null,
    userAgent: 'plumbline demo loader',
  });
  const signedIn = await createPrincipalResolver(ctx).fromSessionCookie(session.sessionToken);
  if (signedIn?.via !== 'session') return undefined;
  try {
    let principal: Principal | null = signedIn;
    if (signedIn.sessionState === 'enrol_required' && options.onMfaEnrolled) {
      const { secret } = await startMfaEnrolment(ctx, signedIn);
      await confirmMfaEnrolment(ctx, signedIn, totpCodeAt(secret, ctx.clock.now()));
      options.onMfaEnrolled({ email, secret });
      principal = await createPrincipalResolver(ctx).fromSessionCookie(session.sessionToken);
    }
    if (principal?.via !== 'session' || principal.sessionState !== 'active') return undefined;
    return await work(principal);
  } finally {
    await logOut(ctx, signedIn.actor, signedIn.sessionIdHash);
  }
}
