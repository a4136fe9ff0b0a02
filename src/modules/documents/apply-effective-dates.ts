import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { makeVersionEffective } from './advance-document-version.js';
import { documentRepository } from './documents.repository.js';

/**
 * The scheduler's documents job: approved versions whose effective date (in the organisation's
 * time zone) has come become effective, superseding the version before them and assigning their
 * training. Each in its own transaction; safe on many instances (the row lock and the status
 * check make a second run find nothing to do).
 */
export async function applyEffectiveDates(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<number> {
  const today = dateInZone(ctx.clock.now(), ctx.config.timezone);
  const due = await documentRepository.dueToBecomeEffective(ctx.db, today);
  let applied = 0;
  for (const { key, version } of due) {
    const changed = await mutate(
      ctx,
      systemActor,
      async (tx) => {
        const document = await documentRepository.findByKeyForUpdate(tx.trx, key);
        const row =
          document && (await documentRepository.versionForUpdate(tx.trx, document.id, version));
        if (!document || !row || row.status !== 'approved') return false;
        await makeVersionEffective(tx, document, row);
        return true;
      },
      { mayFindNothingToDo: true },
    );
    if (changed) applied += 1;
  }
  return applied;
}
