import type { AppContext } from '../../platform/context.js';
import type { BackupIncidentView } from '../backups/backup-status.schema.js';
import type { BackupRunView } from '../backups/backup-run.schema.js';
import { listBackupIncidents } from '../backups/backup-incident-list.js';
import { listBackupRuns } from '../backups/list-backup-runs.js';
import { evaluatedSourceOf } from '../controls/evaluators.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { controlOfWorkOrder } from './control-of-work-order.js';
import type { SourceFacts } from './work-order.schema.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** Every page of a paged list (a window's runs, an asset's open incidents: never many). */
async function allPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/**
 * The contradiction between a manual closeout and what the source recorded, or null: a run that
 * failed in the occurrence's window and none that succeeded. (An open incident alone does not
 * contradict a day that also had a successful run.)
 */
export function contradictionOf(
  runs: Pick<BackupRunView, 'status' | 'startedAt'>[],
): string | null {
  const failed = runs.filter((run) => run.status === 'failed' || run.status === 'partial');
  if (failed.length === 0 || runs.some((run) => run.status === 'succeeded')) return null;
  const first = failed[0]!;
  return `The backup source recorded ${failed.length} failed run(s) in this occurrence's window (first started ${first.startedAt}) and no successful one`;
}

/**
 * What an automatic source recorded for the occurrence a work order serves: for the backup
 * controls, the asset's runs in the occurrence's window with their status and its open incidents,
 * and whether they contradict a manual closeout. Null when the work order's control is decided by
 * people, or by a source whose facts are not shown here yet.
 */
export async function automaticSourceFacts(
  ctx: Ctx,
  workOrderId: string,
  occurrenceId: string | null,
): Promise<SourceFacts | null> {
  if (occurrenceId === null) return null;
  const control = await controlOfWorkOrder(ctx, workOrderId);
  const source = control ? evaluatedSourceOf(control.evaluation) : null;
  if (source !== 'backup-runs' && source !== 'backup-replication') return null;
  const occurrence = await getOccurrence(ctx, occurrenceId);
  if (!occurrence.assetKey) return null;
  const asset = occurrence.assetKey;
  const window = { from: occurrence.opensAt, to: occurrence.closesAt };
  const [runs, incidents] = await Promise.all([
    allPages<BackupRunView>((cursor) =>
      listBackupRuns(ctx, { asset, from: window.from, to: window.to, limit: 100, cursor }),
    ),
    allPages<BackupIncidentView>((cursor) =>
      listBackupIncidents(ctx, { asset, status: 'open', limit: 100, cursor }),
    ),
  ]);
  return {
    source,
    assetKey: asset,
    window,
    runs: runs.map((run) => ({
      id: run.id,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      message: run.message,
    })),
    openIncidents: incidents.map((incident) => ({
      id: incident.id,
      kind: incident.kind,
      summary: incident.summary,
      beganAt: incident.beganAt,
    })),
    contradiction: contradictionOf(runs),
  };
}
