import type { AppContext } from '../../platform/context.js';
import { packsRepository } from './packs.repository.js';

/** A process building a pack writes a heartbeat at least this often (and on every progress). */
export const PACK_HEARTBEAT_MS = 30_000;
/** A running pack without a heartbeat for this long was left by a process that stopped. */
export const PACK_STALE_AFTER_MS = 2 * 60_000;

/**
 * The packs a runner should (re)build: every queued pack (its request may have been accepted by a
 * process that stopped before building it), and every running pack whose builder stopped showing
 * signs of life, put back in the queue. Building starts from scratch: the zip of a period is
 * produced again from the same records. Runners claim packs atomically, so a pack found here by
 * several instances is still built once.
 */
export async function resumeInterruptedPacks(
  ctx: Pick<AppContext, 'db' | 'clock'>,
): Promise<string[]> {
  const staleBefore = new Date(ctx.clock.now().getTime() - PACK_STALE_AFTER_MS);
  const ids: string[] = [];
  for (const row of await packsRepository.unfinishedPacks(ctx.db)) {
    if (
      row.state === 'queued' ||
      (await packsRepository.requeueStalePack(ctx.db, row.id, staleBefore))
    ) {
      ids.push(row.id);
    }
  }
  return ids;
}
