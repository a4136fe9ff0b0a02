import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { BackupPolicyView, UpdateBackupPolicyBody } from './backup-policy.schema.js';
import { backupPolicyRepository } from './backup-policies.repository.js';
import { assertHasFrequency, settingsColumns } from './create-backup-policy.js';
import { settingsOf } from './effective-policy.js';
import { toBackupPolicyView } from './list-backup-policies.js';

/** Changes a live policy's name or settings; refuses a stale `expectedVersion` or an archived one. */
export async function updateBackupPolicy(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  patch: UpdateBackupPolicyBody,
): Promise<BackupPolicyView> {
  return mutate(ctx, actor, async (tx) => {
    const locked = await backupPolicyRepository.findByIdForUpdate(tx.trx, id);
    if (!locked) throw notFound(`Backup policy ${id}`);
    if (locked.archived_at !== null) {
      throw new AppError('conflict', 'The policy is archived; create a new one instead');
    }
    if (locked.version !== patch.expectedVersion) {
      throw new AppError(
        'conflict',
        `The policy was changed by someone else (now version ${locked.version}); reload and try again`,
      );
    }
    const before = toBackupPolicyView((await backupPolicyRepository.findById(tx.trx, id))!);
    const { expectedVersion: _expected, name, ...given } = patch;
    const settings = {
      ...settingsOf(before),
      ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    };
    assertHasFrequency(settings);
    await backupPolicyRepository.update(tx.trx, id, locked.version, {
      ...(name === undefined ? {} : { name }),
      ...settingsColumns(settings),
      updated_at: tx.now,
    });
    const after = toBackupPolicyView((await backupPolicyRepository.findById(tx.trx, id))!);
    await tx.audit({
      action: 'backup-policy.updated',
      entityType: 'backup-policy',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
