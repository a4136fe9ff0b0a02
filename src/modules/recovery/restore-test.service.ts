import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/http/principal.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { MAX_PAGE_LIMIT, readAllPages, type Page } from '../../platform/http/paging.js';
import {
  recoveryRecordDetail,
  recoveryRecordPage,
  type RecoveryRecordReads,
} from './recovery-record-reads.js';
import { restoreTestRepository, type RestoreTestRow } from './restore-test.repository.js';
import {
  formatRestoreTestNumber,
  type ListRestoreTestsQuery,
  type RestoreTestDetail,
  type RestoreTestOutcome,
  type RestoreTestStatus,
  type RestoreTestView,
} from './restore-test.schema.js';

export function toRestoreTestView(row: RestoreTestRow): RestoreTestView {
  return {
    id: row.id,
    number: formatRestoreTestNumber(row.number),
    assetKey: row.asset_key,
    assetName: row.asset_name,
    backupRunId: row.backup_run_id,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    recoveryPointAt: row.recovery_point_at.toISOString(),
    recoveryPointSource: row.recovery_point_source as 'backup-run' | 'given',
    measuredRtoSeconds: row.measured_rto_seconds,
    measuredRpoSeconds: row.measured_rpo_seconds,
    targetRto: row.target_rto,
    targetRpo: row.target_rpo,
    targetsSource: row.targets_source,
    integrityChecks: row.integrity_checks,
    outcome: row.outcome as RestoreTestOutcome,
    failureReasons: row.failure_reasons,
    notes: row.notes,
    status: row.status as RestoreTestStatus,
    performerLabel: row.performer_label,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    verifierLabel: row.verifier_label,
    signatureId: row.signature_id,
    createdAt: row.created_at.toISOString(),
  };
}

const restoreTestReads: RecoveryRecordReads<RestoreTestRow, RestoreTestView> = {
  type: 'restore-test',
  noun: 'restore test',
  title: 'Restore test',
  byIds: (db, ids) => restoreTestRepository.list(db, { ids }),
  performerIdOf: (row) => row.performer_id,
  toView: toRestoreTestView,
};

/**
 * A page of restore tests, latest first, by asset, outcome and status; an engaged auditor's period
 * (`within`, on when the test started) is applied in the query.
 */
export async function listRestoreTestPage(
  ctx: Pick<AppContext, 'db'>,
  query: Partial<ListRestoreTestsQuery> & Pick<ListRestoreTestsQuery, 'limit'>,
  within?: EngagementPeriod,
): Promise<Page<RestoreTestView>> {
  return recoveryRecordPage(
    query,
    (keyset) =>
      restoreTestRepository.list(ctx.db, {
        assetKey: query.asset,
        outcome: query.outcome,
        status: query.status,
        within,
        ...keyset,
      }),
    toRestoreTestView,
  );
}

/** Every restore test the filter selects, latest first, read page after page. */
export async function listRestoreTests(
  ctx: Pick<AppContext, 'db'>,
  filter: Omit<Partial<ListRestoreTestsQuery>, 'cursor' | 'limit'> = {},
): Promise<RestoreTestView[]> {
  return readAllPages((cursor) =>
    listRestoreTestPage(ctx, { ...filter, limit: MAX_PAGE_LIMIT, cursor }),
  );
}

/** One restore test with its evidence, the deficiencies it raised and what it satisfied. */
export async function getRestoreTest(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  id: string,
  caller: Principal | null,
): Promise<RestoreTestDetail> {
  return recoveryRecordDetail(ctx, restoreTestReads, id, caller);
}
