import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { IntegrityCheck } from './restore-test.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface RestoreTestFilter {
  ids?: string[];
  assetKey?: string | undefined;
  outcome?: string | undefined;
  status?: string | undefined;
  finishedFrom?: Date | undefined;
  recordedUntil?: Date | undefined;
  /** Only those started in [start, end): an engaged auditor's period. */
  within?: { start: Date; end: Date } | undefined;
  /** Keyset: continue after this (finished_at, number), latest first. */
  after?: { finishedAt: Date; number: number } | undefined;
  /** At most this many; all when absent. */
  limit?: number | undefined;
}

const selectRestoreTests = (db: Db) =>
  db
    .selectFrom('restore_tests')
    .innerJoin('assets', 'assets.id', 'restore_tests.asset_id')
    .selectAll('restore_tests')
    .select(['assets.key as asset_key', 'assets.name as asset_name']);

export const restoreTestRepository = {
  list: (db: Db, filter: RestoreTestFilter = {}) => {
    let select = selectRestoreTests(db)
      .orderBy('restore_tests.finished_at', 'desc')
      .orderBy('restore_tests.number', 'desc');
    if (filter.ids) select = select.where('restore_tests.id', 'in', filter.ids);
    if (filter.assetKey) select = select.where('assets.key', '=', filter.assetKey);
    if (filter.outcome) select = select.where('restore_tests.outcome', '=', filter.outcome);
    if (filter.status) select = select.where('restore_tests.status', '=', filter.status);
    if (filter.finishedFrom)
      select = select.where('restore_tests.finished_at', '>=', filter.finishedFrom);
    if (filter.recordedUntil)
      select = select.where('restore_tests.created_at', '<=', filter.recordedUntil);
    if (filter.within)
      select = select
        .where('restore_tests.started_at', '>=', filter.within.start)
        .where('restore_tests.started_at', '<', filter.within.end);
    const after = filter.after;
    if (after)
      select = select.where((eb) =>
        eb(
          eb.refTuple('restore_tests.finished_at', 'restore_tests.number'),
          '<',
          eb.tuple(after.finishedAt, after.number),
        ),
      );
    if (filter.limit !== undefined) select = select.limit(filter.limit);
    return select.execute();
  },
  findForUpdate: (trx: Transaction<Database>, id: string) =>
    selectRestoreTests(trx)
      .where('restore_tests.id', '=', id)
      .forUpdate('restore_tests')
      .executeTakeFirst(),
  insert: (
    trx: Transaction<Database>,
    values: {
      assetId: string;
      backupRunId: string | null;
      startedAt: Date;
      finishedAt: Date;
      recoveryPointAt: Date;
      recoveryPointSource: string;
      measuredRtoSeconds: number;
      measuredRpoSeconds: number;
      targetRto: string;
      targetRpo: string;
      targetsSource: string;
      integrityChecks: IntegrityCheck[];
      outcome: string;
      failureReasons: string[];
      notes: string;
      performerId: string;
      performerLabel: string;
      now: Date;
    },
  ) =>
    trx
      .insertInto('restore_tests')
      .values({
        asset_id: values.assetId,
        backup_run_id: values.backupRunId,
        started_at: values.startedAt,
        finished_at: values.finishedAt,
        recovery_point_at: values.recoveryPointAt,
        recovery_point_source: values.recoveryPointSource,
        measured_rto_seconds: values.measuredRtoSeconds,
        measured_rpo_seconds: values.measuredRpoSeconds,
        target_rto: values.targetRto,
        target_rpo: values.targetRpo,
        targets_source: values.targetsSource,
        integrity_checks: JSON.stringify(values.integrityChecks),
        outcome: values.outcome,
        failure_reasons: JSON.stringify(values.failureReasons),
        notes: values.notes,
        status: 'recorded',
        performer_id: values.performerId,
        performer_label: values.performerLabel,
        created_at: values.now,
        updated_at: values.now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow(),
};

export type RestoreTestRow = NonNullable<
  Awaited<ReturnType<typeof restoreTestRepository.findForUpdate>>
>;
