import type { AppContext } from '../../platform/context.js';
import { listBackupRuns } from '../backups/list-backup-runs.js';
import type { BackupRunView } from '../backups/backup-run.schema.js';
import { listDrExercises } from '../recovery/dr-exercise.service.js';
import { listRestoreTests } from '../recovery/restore-test.service.js';
import { listSupplierReviews } from '../supplier-reviews/supplier-review.service.js';
import type { PeriodWindow } from './pack-records.repository.js';
import { csvChunks, PAGE_ROWS, type PackRegister } from './pack-registers.js';

const inPeriod = (window: PeriodWindow, startedAt: string) => {
  const at = new Date(startedAt);
  return at >= window.start && at < window.end && at <= window.asOf;
};

/** Backup runs started in the period, page by page through the backups module's list. */
async function* backupRunPages(
  ctx: Pick<AppContext, 'db'>,
  window: PeriodWindow,
): AsyncGenerator<BackupRunView[]> {
  let cursor: string | undefined;
  const to = window.end < window.asOf ? window.end : window.asOf;
  for (;;) {
    const page = await listBackupRuns(ctx, {
      from: window.start.toISOString(),
      to: to.toISOString(),
      limit: Math.min(PAGE_ROWS, 1000),
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

async function* once<Row>(rows: Promise<Row[]>): AsyncGenerator<Row[]> {
  yield await rows;
}

/**
 * The backup and recovery records of the period, read through their modules' list use cases:
 * backup runs (keyset pages, newest first), restore tests and DR exercises started in the period
 * (a few a year, listed whole and filtered), and the supplier reviews signed in the period.
 */
export function recoveryRegisters(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  window: PeriodWindow,
): PackRegister[] {
  return [
    {
      path: 'registers/backup-runs.csv',
      title: 'Backup runs started in the period',
      chunks: () =>
        csvChunks(
          [
            'id',
            'assetKey',
            'tool',
            'job',
            'externalId',
            'startedAt',
            'finishedAt',
            'status',
            'backupType',
            'sizeBytes',
            'recoveryPointId',
            'recoveryPointAt',
            'encrypted',
            'region',
            'message',
            'recordedAt',
            'recordedBy',
          ],
          backupRunPages(ctx, window),
        ),
    },
    {
      path: 'registers/restore-tests.csv',
      title: 'Restore tests started in the period (measured RTO and RPO against targets)',
      chunks: () =>
        csvChunks(
          [
            'number',
            'assetKey',
            'startedAt',
            'finishedAt',
            'recoveryPointAt',
            'measuredRtoSeconds',
            'measuredRpoSeconds',
            'targetRto',
            'targetRpo',
            'outcome',
            'failureReasons',
            'status',
            'performerLabel',
            'verifiedAt',
            'verifierLabel',
          ],
          once(
            listRestoreTests(ctx).then((rows) =>
              rows.filter((row) => inPeriod(window, row.startedAt)),
            ),
          ),
        ),
    },
    {
      path: 'registers/dr-exercises.csv',
      title: 'Disaster-recovery exercises started in the period',
      chunks: () =>
        csvChunks(
          [
            'number',
            'type',
            'scenario',
            'startedAt',
            'finishedAt',
            'outcome',
            'summary',
            'status',
            'recordedByLabel',
            'verifiedAt',
            'verifierLabel',
          ],
          once(
            listDrExercises(ctx).then((rows) =>
              rows.filter((row) => inPeriod(window, row.startedAt)),
            ),
          ),
        ),
    },
    {
      path: 'registers/supplier-reviews.csv',
      title: 'Supplier reviews signed in the period (report, opinion, CUECs, decision)',
      chunks: () =>
        csvChunks(
          [
            'id',
            'supplierKey',
            'reportKind',
            'reportTitle',
            'periodFrom',
            'periodTo',
            'opinion',
            'exceptions',
            'bridgeLetterThrough',
            'cuecsChecked',
            'findings',
            'decision',
            'conditions',
            'signedBy',
            'signedAt',
            'nextReviewDue',
          ],
          supplierReviewPages(ctx, window),
        ),
    },
  ];
}

/** Supplier reviews signed in the period, page by page through the supplier-reviews module. */
async function* supplierReviewPages(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  window: PeriodWindow,
) {
  let cursor: string | undefined;
  const to = window.end < window.asOf ? window.end : window.asOf;
  for (;;) {
    const page = await listSupplierReviews(ctx, {
      status: 'signed',
      signedFrom: window.start,
      signedBefore: to,
      limit: Math.min(PAGE_ROWS, 1000),
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.length > 0)
      yield page.items.map((review) => ({
        ...review,
        supplierKey: review.supplier.key,
        cuecsChecked: `${review.cuecsChecked}/${review.cuecCount}`,
      }));
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
