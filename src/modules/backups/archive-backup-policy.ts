import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { BackupPolicyView } from './backup-policy.schema.js';
import { backupPolicyRepository } from './backup-policies.repository.js';
import { toBackupPolicyView } from './list-backup-policies.js';

/**
 * Retires a policy: kept for the record (what applied when), never deleted. Its assets fall back
 * to the next policy in line (tag, category, default) from now on.
 */
export async function archiveBackupPolicy(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  options: { expectedVersion?: number | undefined } = {},
): Promise<BackupPolicyView> {
  return mutate(ctx, actor, async (tx) => {
    const locked = await backupPolicyRepository.findByIdForUpdate(tx.trx, id);
    if (!locked) throw notFound(`Backup policy ${id}`);
    if (locked.archived_at !== null)
      throw new AppError('conflict', 'The policy is already archived');
    if (options.expectedVersion !== undefined && options.expectedVersion !== locked.version) {
      throw new AppError(
        'conflict',
        `The policy was changed by someone else (now version ${locked.version}); reload and try again`,
      );
    }
    const before = toBackupPolicyView((await backupPolicyRepository.findById(tx.trx, id))!);
    await backupPolicyRepository.update(tx.trx, id, locked.version, {
      archived_at: tx.now,
      updated_at: tx.now,
    });
    const after = toBackupPolicyView((await backupPolicyRepository.findById(tx.trx, id))!);
    await tx.audit({
      action: 'backup-policy.archived',
      entityType: 'backup-policy',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
