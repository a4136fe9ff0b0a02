import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Recovery assurance: restore tests (a backup restored and checked, measured against the asset's
// recovery time and point objectives) and disaster-recovery exercises, both closed by an
// e-signed verification. Their evidence files live in the encrypted evidence store like work
// order evidence, in a table of their own. Nonconformances gain what a deficiency needs to be
// tracked to closure: a source item (a DR exercise can raise several), a person who owns it, a due
// date, a resolution and a signed closure, and the SLA occurrence its discovery started.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('restore_tests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('asset_id', 'uuid', (c) => c.notNull().references('assets.id').onDelete('restrict'))
    .addColumn('backup_run_id', 'uuid', (c) => c.references('backup_runs.id').onDelete('restrict'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recovery_point_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recovery_point_source', 'text', (c) => c.notNull())
    // Seconds, so they compare and sort without parsing; the targets keep the ISO 8601 text.
    .addColumn('measured_rto_seconds', 'integer', (c) => c.notNull())
    .addColumn('measured_rpo_seconds', 'integer', (c) => c.notNull())
    .addColumn('target_rto', 'text', (c) => c.notNull())
    .addColumn('target_rpo', 'text', (c) => c.notNull())
    .addColumn('targets_source', 'text', (c) => c.notNull())
    .addColumn('integrity_checks', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('pass', 'fail')`))
    .addColumn('failure_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('recorded', 'verified')`))
    .addColumn('performer_id', 'text', (c) => c.notNull())
    .addColumn('performer_label', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verifier_id', 'text')
    .addColumn('verifier_label', 'text')
    .addColumn('signature_id', 'uuid')
    // The control occurrences the verified record satisfied: [{occurrenceId, controlKey, periodKey}].
    .addColumn('satisfied_occurrences', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('restore_tests_asset_finished_idx')
    .on('restore_tests')
    .columns(['asset_id', 'finished_at'])
    .execute();

  await db.schema
    .createTable('dr_exercises')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('tabletop', 'live-failover')`))
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('participants', 'jsonb', (c) => c.notNull())
    .addColumn('timeline', 'jsonb', (c) => c.notNull())
    .addColumn('recovery_measurements', 'jsonb', (c) => c.notNull())
    .addColumn('deficiencies', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('passed', 'passed-with-deficiencies', 'failed')`),
    )
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('completed', 'verified')`))
    .addColumn('recorded_by_id', 'text', (c) => c.notNull())
    .addColumn('recorded_by_label', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verifier_id', 'text')
    .addColumn('verifier_label', 'text')
    .addColumn('signature_id', 'uuid')
    // The control occurrences the verified record satisfied: [{occurrenceId, controlKey, periodKey}].
    .addColumn('satisfied_occurrences', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dr_exercises_finished_idx')
    .on('dr_exercises')
    .columns(['finished_at'])
    .execute();

  await db.schema
    .createTable('recovery_evidence_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('record_type', 'text', (c) =>
      c.notNull().check(sql`record_type in ('restore-test', 'dr-exercise')`),
    )
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recovery_evidence_files_record_idx')
    .on('recovery_evidence_files')
    .columns(['record_type', 'record_id'])
    .execute();

  await db.schema
    .alterTable('nonconformances')
    .addColumn('source_item', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_user_id', 'text')
    .addColumn('owner_user_label', 'text')
    .addColumn('due_on', 'date')
    .addColumn('resolution_note', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by_id', 'text')
    .addColumn('resolved_by_label', 'text')
    .addColumn('closed_by_id', 'text')
    .addColumn('closed_by_label', 'text')
    .addColumn('closure_signature_id', 'uuid')
    .addColumn('sla_occurrence_id', 'uuid', (c) =>
      c.references('occurrences.id').onDelete('restrict'),
    )
    .execute();
  // A DR exercise raises one deficiency per finding: the source is the exercise and the item.
  await db.schema
    .alterTable('nonconformances')
    .dropConstraint('nonconformances_source_unique')
    .execute();
  await db.schema
    .alterTable('nonconformances')
    .addUniqueConstraint('nonconformances_source_item_unique', [
      'source_type',
      'source_id',
      'source_item',
    ])
    .execute();
  await db.schema
    .createIndex('nonconformances_status_due_idx')
    .on('nonconformances')
    .columns(['status', 'due_on'])
    .execute();
}
