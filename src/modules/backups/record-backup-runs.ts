import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { RecordBackupRunsResult } from './backup-run.schema.js';
import { toParsedBackupRun, type PlumblineBackupRun } from './parsers/index.js';
import { createBackupAssetResolver } from './resolve-backup-assets.js';
import {
  backupRunsAuditEntry,
  backupRunsResult,
  emptyBackupRunTally,
  storeBackupRuns,
} from './store-backup-runs.js';

/**
 * Records runs posted in Plumbline's JSON shape (one run or a batch of up to 10,000), all or
 * nothing: an unknown asset refuses the whole request. Idempotent on (tool, externalId); a run
 * stored before with different content is reported as a conflict and left as it was. One audit
 * entry per request, in the same transaction.
 */
export async function recordBackupRuns(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  runs: PlumblineBackupRun[],
  options: { single: boolean },
): Promise<RecordBackupRunsResult> {
  const resolver = createBackupAssetResolver({
    locate: ({ index }) => (options.single ? 'body.asset' : `body.runs.${index}.asset`),
  });
  return mutate(
    ctx,
    actor,
    async (tx) => {
      const resolved = await resolver.resolve(
        tx.trx,
        runs.map((run, index) => ({ index, run: toParsedBackupRun(run) })),
      );
      const tally = emptyBackupRunTally();
      await storeBackupRuns(tx.trx, resolved, { at: tx.now, by: actor.label }, tally);
      const entry = backupRunsAuditEntry(tally, { via: 'api' });
      if (entry) await tx.audit(entry);
      return backupRunsResult(tally);
    },
    // Re-posting runs that are all stored already changes nothing, so it needs no audit entry.
    { mayFindNothingToDo: true },
  );
}
