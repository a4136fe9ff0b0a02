import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { sessionRepository } from './session.repository.js';

/**
 * Ends a session. Returns the sealed ID token of a single sign-on session (null otherwise), for
 * ending the person's session at the provider too (provider-logout-url.ts).
 */
export async function logOut(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  sessionIdHash: string,
): Promise<{ sealedIdToken: string | null }> {
  return mutate(ctx, actor, async (tx) => {
    const sealedIdToken = await sessionRepository.delete(tx.trx, sessionIdHash);
    await tx.audit({
      action: 'session.logout',
      entityType: 'user',
      entityId: actor.id ?? actor.label,
      ...(sealedIdToken === null ? {} : { after: { identityProviderLogout: true } }),
    });
    return { sealedIdToken };
  });
}
