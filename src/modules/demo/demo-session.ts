import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/http/principal.js';
import { logIn } from '../identity/log-in.js';
import { logOut } from '../identity/log-out.js';
import { createPrincipalResolver } from '../identity/resolve-principal.js';
import { DEMO_PASSWORD } from './demo-data.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>;

/**
 * Signs a demo account in with the published demo password, as a person does before signing a
 * record electronically, runs `work` with that session's principal, and signs out. Nothing when
 * the session cannot be resolved (work is then left undone, as a person would leave it).
 */
export async function withDemoSession<T>(
  ctx: Ctx,
  email: string,
  work: (principal: Principal) => Promise<T>,
): Promise<T | undefined> {
  const session = await logIn(ctx, {
    email,
    password: DEMO_PASSWORD,
    ip: null,
    userAgent: 'plumbline demo loader',
  });
  const principal = await createPrincipalResolver(ctx).fromSessionCookie(session.sessionToken);
  if (principal?.via !== 'session') return undefined;
  try {
    return await work(principal);
  } finally {
    await logOut(ctx, principal.actor, principal.sessionIdHash);
  }
}
