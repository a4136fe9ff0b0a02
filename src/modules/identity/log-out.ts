import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { sessionRepository } from './session.repository.js';

/** Ends a session. */
export async function logOut(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  sessionIdHash: string,
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    await sessionRepository.delete(tx.trx, sessionIdHash);
    await tx.audit({
      action: 'session.logout',
      entityType: 'user',
      entityId: actor.id ?? actor.label,
    });
  });
}
