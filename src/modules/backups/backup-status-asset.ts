import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { listAssetsUnderPolicy } from './backup-evaluation-inputs.js';
import { toIncidentViews } from './backup-incident-list.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { assetBackupStatuses, rpoView } from './backup-status.js';
import { backupRunRepository } from './backup-runs.repository.js';
import type { BackupAssetDetailView } from './backup-status.schema.js';
import { isFailedRun, isSuccessfulRun, recoveryPointOf, runEndOf } from './rpo.js';

const DAY_MS = 86_400_000;
const MAX_LISTED_RUNS = 500;

/**
 * One asset's backups over [from, to] (default: the 30 days before now): its status at `to`, the
 * period's runs, the RPO achieved over exactly that period (for the default period, the very
 * figure of `status.rpoLast30Days`), and the incidents that were open at
 * any time in it with their alert e-mails and deliveries. Not found for an asset under no policy.
 */
export async function getBackupAssetDetail(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  key: string,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<BackupAssetDetailView> {
  const to = query.to ? new Date(query.to) : ctx.clock.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const asset = (await listAssetsUnderPolicy(ctx)).find((candidate) => candidate.key === key);
  if (!asset) throw notFound(`Backup status of asset ${key}`);
  const [[status], runs, incidents, previousPoints] = await Promise.all([
    assetBackupStatuses(ctx, [asset], to),
    backupIncidentRepository.runsBetween(ctx.db, {
      assetIds: [asset.id],
      from,
      to,
      recordedBy: to,
      successOnly: false,
    }),
    incidentsOfPeriod(ctx, asset.id, from, to),
    backupRunRepository.latestSuccessfulPoints(ctx.db, {
      assetIds: [asset.id],
      at: from,
      knownBy: to,
    }),
  ]);
  const over = runs.filter((run) => runEndOf(run) <= to);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    status: status!,
    runs: {
      total: over.length,
      succeeded: over.filter(isSuccessfulRun).length,
      failed: over.filter(isFailedRun).length,
      items: [...over]
        .reverse()
        .slice(0, MAX_LISTED_RUNS)
        .map((run) => ({
          id: run.id,
          tool: run.tool,
          job: run.job,
          status: run.status,
          backupType: run.backupType,
          startedAt: run.startedAt.toISOString(),
          finishedAt: run.finishedAt?.toISOString() ?? null,
          recoveryPointAt: recoveryPointOf(run).toISOString(),
          encrypted: run.encrypted,
          region: run.region,
          message: run.message,
        })),
    },
    rpo: rpoView({
      successfulRuns: over.filter(isSuccessfulRun),
      previousPointAt: previousPoints.get(asset.id) ?? null,
      policy: asset.policy,
      from,
      to,
    }),
    incidents: await toIncidentViews(ctx, incidents, to),
  };
}

/** Every incident of the asset open at some point of the period, in SQL, page after page. */
async function incidentsOfPeriod(
  ctx: Pick<AppContext, 'db'>,
  assetId: string,
  from: Date,
  to: Date,
) {
  const PAGE = 1000;
  const incidents: Awaited<ReturnType<typeof backupIncidentRepository.list>> = [];
  for (;;) {
    const last = incidents.at(-1);
    const page = await backupIncidentRepository.list(ctx.db, {
      assetId,
      at: to,
      activeSince: from,
      after: last && { openedAt: last.opened_at, id: last.id },
      limit: PAGE,
    });
    incidents.push(...page);
    if (page.length < PAGE) return incidents;
  }
}
