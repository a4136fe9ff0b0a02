import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Continuous evaluation of backups (docs/backup-evaluation.md). An incident is a failed run, or a
// backup window that passed without a success, for one asset and kind; it is opened once and
// closed when a later success arrives. Each alert e-mail queued for an incident is linked to its
// outbox message, whose delivery attempts are the evidence that people were told. Every run is
// evaluated once (backup_run_evaluations), which is what feeds the catalogue controls exactly once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('backup_incidents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('run_failed', 'incremental_missed', 'full_missed')`),
    )
    // When the problem began: the failed run's start, or the window's deadline.
    .addColumn('began_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('trigger_run_id', 'uuid', (c) => c.references('backup_runs.id').onDelete('restrict'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('recovery_run_id', 'uuid', (c) =>
      c.references('backup_runs.id').onDelete('restrict'),
    )
    .execute();
  // Once per incident: at most one open incident per asset and kind, also with several instances.
  await sql`create unique index backup_incidents_open_unique on backup_incidents (asset_id, kind)
            where closed_at is null`.execute(db);
  await db.schema
    .createIndex('backup_incidents_asset_opened_idx')
    .on('backup_incidents')
    .columns(['asset_id', 'opened_at'])
    .execute();

  await db.schema
    .createTable('backup_incident_alerts')
    .addColumn('incident_id', 'uuid', (c) =>
      c.notNull().references('backup_incidents.id').onDelete('restrict'),
    )
    .addColumn('message_id', 'uuid', (c) =>
      c.notNull().references('outbox_messages.id').onDelete('restrict'),
    )
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('opened', 'recovered')`))
    .addPrimaryKeyConstraint('backup_incident_alerts_pk', ['incident_id', 'message_id'])
    .execute();

  await db.schema
    .createTable('backup_run_evaluations')
    .addColumn('run_id', 'uuid', (c) =>
      c.primaryKey().references('backup_runs.id').onDelete('restrict'),
    )
    // The run's own recorded_at, copied: the watermark is the latest of them.
    .addColumn('run_recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('evaluated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backup_run_evaluations_recorded_idx')
    .on('backup_run_evaluations')
    .column('run_recorded_at')
    .execute();
  // Evaluation reads the runs recorded since the watermark (with an overlap for transactions that
  // committed late), in recording order.
  await db.schema
    .createIndex('backup_runs_recorded_idx')
    .on('backup_runs')
    .columns(['recorded_at'])
    .execute();
}
