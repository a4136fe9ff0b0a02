import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { changeFacts } from './change-rules.js';
import { decideChangeAction } from './change-status.js';
import { changeRepository } from './changes.repository.js';

/** Rejects a requested change, or cancels one not yet implemented, with the reason. */
export async function closeChange(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  input: { action: 'reject' | 'cancel'; note: string },
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const row = await changeRepository.lockForUpdate(tx.trx, id);
    if (!row) throw notFound('Change');
    const decision = decideChangeAction(changeFacts(row), input.action);
    if (!decision.ok) throw new AppError('conflict', `Cannot ${input.action}: ${decision.reason}`);
    await changeRepository.update(tx.trx, id, {
      status: decision.to,
      closed_at: tx.now,
      closed_by: actor.label,
      closing_note: input.note,
      updated_at: tx.now,
    });
    await tx.audit({
      action: input.action === 'reject' ? 'change.rejected' : 'change.cancelled',
      entityType: 'change',
      entityId: id,
      before: { status: row.status },
      after: { status: decision.to, note: input.note },
    });
  });
}
