import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { BackupRunsTable, Database } from '../../platform/db/schema.js';
import type { BackupIncidentKind, EvaluatedRun, OpenIncident } from './backup-evaluation.js';

type Db = Kysely<Database> | Transaction<Database>;

const RUN_COLUMNS = [
  'backup_runs.id',
  'backup_runs.asset_id',
  'backup_runs.tool',
  'backup_runs.job',
  'backup_runs.status',
  'backup_runs.backup_type',
  'backup_runs.started_at',
  'backup_runs.finished_at',
  'backup_runs.recovery_point_at',
  'backup_runs.encrypted',
  'backup_runs.region',
  'backup_runs.message',
  'backup_runs.recorded_at',
] as const;

type RunRow = Pick<
  Selectable<BackupRunsTable>,
  | 'id'
  | 'asset_id'
  | 'tool'
  | 'job'
  | 'status'
  | 'backup_type'
  | 'started_at'
  | 'finished_at'
  | 'recovery_point_at'
  | 'encrypted'
  | 'region'
  | 'message'
  | 'recorded_at'
>;

export const toEvaluatedRun = (row: RunRow): EvaluatedRun => ({
  id: row.id,
  assetId: row.asset_id,
  tool: row.tool,
  job: row.job,
  status: row.status as EvaluatedRun['status'],
  backupType: row.backup_type as EvaluatedRun['backupType'],
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  recoveryPointAt: row.recovery_point_at,
  encrypted: row.encrypted,
  region: row.region,
  message: row.message,
});

const recoveryPoint = sql<Date>`coalesce(backup_runs.recovery_point_at, backup_runs.started_at)`;
const runEnd = sql<Date>`coalesce(backup_runs.finished_at, backup_runs.started_at)`;

export interface IncidentRow {
  id: string;
  asset_id: string;
  asset_key: string;
  kind: string;
  began_at: Date;
  opened_at: Date;
  summary: string;
  trigger_run_id: string | null;
  closed_at: Date | null;
  recovery_run_id: string | null;
}

export const backupIncidentRepository = {
  /**
   * Names and creation instants of assets, by id. Read here directly (one statement for every
   * asset) because evaluation runs every tick over the whole register.
   */
  assetNames: async (db: Db): Promise<Map<string, { name: string; createdAt: Date }>> => {
    const rows = await db.selectFrom('assets').select(['id', 'name', 'created_at']).execute();
    return new Map(rows.map((row) => [row.id, { name: row.name, createdAt: row.created_at }]));
  },

  /** The latest recorded_at of an evaluated run: runs recorded after it are new. */
  watermark: async (db: Db): Promise<Date | null> => {
    const row = await db
      .selectFrom('backup_run_evaluations')
      .select((eb) => eb.fn.max('run_recorded_at').as('latest'))
      .executeTakeFirst();
    return row?.latest ?? null;
  },

  /** Runs recorded at or after `since` that were not evaluated yet, in recording order. */
  unevaluatedRuns: async (db: Db, since: Date, limit: number) =>
    (
      await db
        .selectFrom('backup_runs')
        .leftJoin('backup_run_evaluations', 'backup_run_evaluations.run_id', 'backup_runs.id')
        .select(RUN_COLUMNS)
        .where('backup_runs.recorded_at', '>=', since)
        .where('backup_run_evaluations.run_id', 'is', null)
        .orderBy('backup_runs.recorded_at')
        .orderBy('backup_runs.id')
        .limit(limit)
        .execute()
    ).map((row) => ({ run: toEvaluatedRun(row), recordedAt: row.recorded_at })),

  markEvaluated: async (
    db: Db,
    rows: { runId: string; recordedAt: Date; outcome: string }[],
    now: Date,
  ) => {
    if (rows.length === 0) return;
    await db
      .insertInto('backup_run_evaluations')
      .values(
        rows.map((row) => ({
          run_id: row.runId,
          run_recorded_at: row.recordedAt,
          evaluated_at: now,
          outcome: row.outcome,
        })),
      )
      .onConflict((oc) => oc.column('run_id').doNothing())
      .execute();
  },

  /**
   * Per asset, the successful run with the latest recovery point that was over by `at` and
   * recorded by then (`fullOnly`: full backups only).
   */
  lastSuccesses: async (
    db: Db,
    options: { at: Date; fullOnly: boolean; assetIds?: string[] },
  ): Promise<EvaluatedRun[]> => {
    if (options.assetIds?.length === 0) return [];
    // One lateral `limit 1` per asset walks backup_runs_success_recovery_point_idx from the
    // newest recovery point down, instead of sorting every successful run (docs/performance.md).
    let assets = db.selectFrom('assets').select('assets.id');
    if (options.assetIds) assets = assets.where('assets.id', 'in', options.assetIds);
    const rows = await db
      .selectFrom(assets.as('asset'))
      .innerJoinLateral(
        (eb) => {
          let latest = eb
            .selectFrom('backup_runs')
            .select(RUN_COLUMNS)
            .whereRef('backup_runs.asset_id', '=', 'asset.id')
            .where('backup_runs.status', '=', 'succeeded')
            .where('backup_runs.recorded_at', '<=', options.at)
            .where(runEnd, '<=', options.at);
          if (options.fullOnly) latest = latest.where('backup_runs.backup_type', '=', 'full');
          return latest.orderBy(recoveryPoint, 'desc').orderBy(runEnd, 'desc').limit(1).as('run');
        },
        (join) => join.onTrue(),
      )
      .selectAll('run')
      .orderBy('run.asset_id')
      .execute();
    return rows.map(toEvaluatedRun);
  },

  /** Runs of some assets that started in [from, to) and were recorded by `recordedBy`. */
  runsBetween: async (
    db: Db,
    options: { assetIds: string[]; from: Date; to: Date; recordedBy: Date; successOnly: boolean },
  ): Promise<EvaluatedRun[]> => {
    if (options.assetIds.length === 0) return [];
    let query = db
      .selectFrom('backup_runs')
      .select(RUN_COLUMNS)
      .where('backup_runs.asset_id', 'in', options.assetIds)
      .where('backup_runs.started_at', '>=', options.from)
      .where('backup_runs.started_at', '<', options.to)
      .where('backup_runs.recorded_at', '<=', options.recordedBy);
    if (options.successOnly) query = query.where('backup_runs.status', '=', 'succeeded');
    const rows = await query.orderBy('backup_runs.started_at').execute();
    return rows.map(toEvaluatedRun);
  },

  openIncidents: async (db: Db): Promise<OpenIncident[]> =>
    (
      await db
        .selectFrom('backup_incidents')
        .select(['id', 'asset_id', 'kind', 'began_at', 'trigger_run_id', 'summary'])
        .where('closed_at', 'is', null)
        .execute()
    ).map((row) => ({
      id: row.id,
      assetId: row.asset_id,
      kind: row.kind as BackupIncidentKind,
      beganAt: row.began_at,
      triggerRunId: row.trigger_run_id,
      summary: row.summary,
    })),

  /** Open incidents whose opening alert reached nobody (no one to send it to at the time). */
  openIncidentIdsWithoutAlerts: async (db: Db): Promise<Set<string>> =>
    new Set(
      (
        await db
          .selectFrom('backup_incidents')
          .select('id')
          .where('closed_at', 'is', null)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('backup_incident_alerts')
                  .select('backup_incident_alerts.incident_id')
                  .whereRef('backup_incident_alerts.incident_id', '=', 'backup_incidents.id')
                  .where('backup_incident_alerts.purpose', '=', 'opened'),
              ),
            ),
          )
          .execute()
      ).map((row) => row.id),
    ),

  /** Opens an incident unless one of that asset and kind is open already (then returns null). */
  insertOpen: async (
    db: Db,
    values: {
      assetId: string;
      kind: BackupIncidentKind;
      beganAt: Date;
      summary: string;
      triggerRunId: string | null;
      now: Date;
    },
  ): Promise<string | null> => {
    const [row] = await db
      .insertInto('backup_incidents')
      .values({
        asset_id: values.assetId,
        kind: values.kind,
        began_at: values.beganAt,
        opened_at: values.now,
        summary: values.summary,
        trigger_run_id: values.triggerRunId,
      })
      .onConflict((oc) =>
        oc.columns(['asset_id', 'kind']).where('closed_at', 'is', null).doNothing(),
      )
      .returning('id')
      .execute();
    return row?.id ?? null;
  },

  /** Closes an open incident; false when it was closed already (by another instance). */
  close: async (
    db: Db,
    values: { id: string; recoveryRunId: string | null; now: Date },
  ): Promise<boolean> => {
    const result = await db
      .updateTable('backup_incidents')
      .set({ closed_at: values.now, recovery_run_id: values.recoveryRunId })
      .where('id', '=', values.id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Links the outbox messages queued under these dedupe keys to the incident. */
  linkAlerts: async (
    db: Db,
    incidentId: string,
    purpose: 'opened' | 'recovered',
    dedupeKeys: string[],
  ) => {
    if (dedupeKeys.length === 0) return;
    const messages = await db
      .selectFrom('outbox_messages')
      .select('id')
      .where('dedupe_key', 'in', dedupeKeys)
      .execute();
    if (messages.length === 0) return;
    await db
      .insertInto('backup_incident_alerts')
      .values(
        messages.map((message) => ({ incident_id: incidentId, message_id: message.id, purpose })),
      )
      .onConflict((oc) => oc.columns(['incident_id', 'message_id']).doNothing())
      .execute();
  },

  /** Incidents with their asset key, newest first; those that existed at `at`. */
  list: (
    db: Db,
    filter: {
      status?: 'open' | 'closed';
      assetId?: string;
      assetKey?: string;
      at: Date;
      /** Only incidents still open at this instant or closed since (a period's incidents). */
      activeSince?: Date | undefined;
      /** Keyset: continue after this (opened_at, id), newest first. */
      after?: { openedAt: Date; id: string } | undefined;
      limit: number;
    },
  ): Promise<IncidentRow[]> => {
    let query = db
      .selectFrom('backup_incidents')
      .innerJoin('assets', 'assets.id', 'backup_incidents.asset_id')
      .selectAll('backup_incidents')
      .select('assets.key as asset_key')
      .where('backup_incidents.opened_at', '<=', filter.at);
    if (filter.assetId) query = query.where('backup_incidents.asset_id', '=', filter.assetId);
    if (filter.assetKey) query = query.where('assets.key', '=', filter.assetKey);
    if (filter.status === 'open')
      query = query.where((eb) =>
        eb.or([
          eb('backup_incidents.closed_at', 'is', null),
          eb('backup_incidents.closed_at', '>', filter.at),
        ]),
      );
    if (filter.status === 'closed')
      query = query.where('backup_incidents.closed_at', '<=', filter.at);
    const since = filter.activeSince;
    if (since)
      query = query.where((eb) =>
        eb.or([
          eb('backup_incidents.closed_at', 'is', null),
          eb('backup_incidents.closed_at', '>=', since),
        ]),
      );
    const after = filter.after;
    if (after)
      query = query.where((eb) =>
        eb(
          eb.refTuple('backup_incidents.opened_at', 'backup_incidents.id'),
          '<',
          eb.tuple(after.openedAt, after.id),
        ),
      );
    return query
      .orderBy('backup_incidents.opened_at', 'desc')
      .orderBy('backup_incidents.id', 'desc')
      .limit(filter.limit)
      .execute();
  },

  /** The alert e-mails of incidents with their delivery state and attempts. */
  alertsFor: async (db: Db, incidentIds: string[]) => {
    if (incidentIds.length === 0) return { messages: [], attempts: [] };
    const messages = await db
      .selectFrom('backup_incident_alerts')
      .innerJoin('outbox_messages', 'outbox_messages.id', 'backup_incident_alerts.message_id')
      .select([
        'backup_incident_alerts.incident_id',
        'backup_incident_alerts.purpose',
        'outbox_messages.id',
        'outbox_messages.recipient',
        'outbox_messages.subject',
        'outbox_messages.status',
        'outbox_messages.attempts',
        'outbox_messages.created_at',
        'outbox_messages.sent_at',
        'outbox_messages.last_error',
      ])
      .where('backup_incident_alerts.incident_id', 'in', incidentIds)
      .orderBy('outbox_messages.created_at')
      .orderBy('outbox_messages.recipient')
      .execute();
    const attempts =
      messages.length === 0
        ? []
        : await db
            .selectFrom('outbox_attempts')
            .select(['message_id', 'attempted_at', 'succeeded', 'detail'])
            .where(
              'message_id',
              'in',
              messages.map((message) => message.id),
            )
            .orderBy('attempted_at')
            .execute();
    return { messages, attempts };
  },
};
