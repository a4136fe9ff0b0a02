import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { authorize } from '../../platform/auth/policy.js';
import { requeueFailedMessages } from '../../platform/mail/outbox.js';

/**
 * Puts every message that ran out of delivery attempts back in the queue, e.g. after the mail
 * server was fixed. Earlier attempts stay in the log; the requeue itself is audited.
 */
export async function retryFailedNotifications(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
): Promise<{ requeued: number }> {
  authorize(actor.role, 'users:manage');
  return mutate(
    ctx,
    actor,
    async (tx) => {
      const requeued = await requeueFailedMessages(tx.trx, tx.now);
      if (requeued > 0)
        await tx.audit({
          action: 'notification.requeued',
          entityType: 'notification',
          entityId: 'failed',
          after: { requeued },
        });
      return { requeued };
    },
    { mayFindNothingToDo: true },
  );
}
