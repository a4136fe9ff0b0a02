import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Nonconformances raised by hand get the fields a quality system asks of every nonconformance
// (requirement not met, containment, disposition, impact assessment); CAPA records (corrective or
// preventive action) are linked to one or more nonconformances and carry the root cause analysis,
// the actions (each with an owner, a due date and a status) and the signed effectiveness check
// (docs/capa.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('nonconformances')
    .addColumn('requirement_not_met', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('containment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disposition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('impact_assessment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('raised_by', 'text')
    .execute();

  await db.schema
    .createTable('capas')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'serial', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('corrective', 'preventive')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('owner_label', 'text', (c) => c.notNull())
    .addColumn('root_cause_method', 'text')
    .addColumn('root_cause', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('check_planned_on', 'date', (c) => c.notNull())
    .addColumn('check_criteria', 'text', (c) => c.notNull())
    .addColumn('check_outcome', 'text')
    .addColumn('check_note', 'text')
    .addColumn('check_signature_id', 'uuid')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('checked_by', 'text')
    .addColumn('sla_occurrence_id', 'uuid', (c) => c.references('occurrences.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('capas_opened_idx').on('capas').columns(['opened_at']).execute();

  await db.schema
    .createTable('capa_nonconformances')
    .addColumn('capa_id', 'uuid', (c) => c.notNull().references('capas.id'))
    .addColumn('nonconformance_id', 'uuid', (c) => c.notNull().references('nonconformances.id'))
    .addPrimaryKeyConstraint('capa_nonconformances_pk', ['capa_id', 'nonconformance_id'])
    .execute();
  await db.schema
    .createIndex('capa_nonconformances_nc_idx')
    .on('capa_nonconformances')
    .column('nonconformance_id')
    .execute();

  await db.schema
    .createTable('capa_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Order of recording within the CAPA.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('capa_id', 'uuid', (c) => c.notNull().references('capas.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('owner_label', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completion_note', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('capa_actions_capa_idx')
    .on('capa_actions')
    .columns(['capa_id', 'seq'])
    .execute();
  await sql`create index capa_actions_open_due_idx on capa_actions (due_on) where status in ('open', 'in_progress')`.execute(
    db,
  );
}
