import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Work assigned to a person (docs/work-assignment.md): one row per piece of work that has an
// assignee now, either an occurrence (which also stands for its preventive work order) or a
// corrective work order; unassigning deletes the row, and the audit trail keeps every change.
//
// Comments on records (docs/comments.md): an append-only thread per record, with the people each
// comment mentions. Triggers refuse any update or delete, whoever tries.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('work_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('occurrence_id', 'uuid', (c) => c.unique().references('occurrences.id'))
    .addColumn('work_order_id', 'uuid', (c) => c.unique().references('work_orders.id'))
    .addColumn('assignee_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'work_assignments_one_target',
      sql`(occurrence_id is null) <> (work_order_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex('work_assignments_assignee_idx')
    .on('work_assignments')
    .column('assignee_id')
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comments_record_idx')
    .on('comments')
    .columns(['record_type', 'record_id', 'seq'])
    .execute();
  await db.schema
    .createTable('comment_mentions')
    .addColumn('comment_id', 'uuid', (c) => c.notNull().references('comments.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('comment_mentions_pk', ['comment_id', 'user_id'])
    .execute();

  await sql`
    create or replace function comments_append_only() returns trigger
    language plpgsql as $$
    begin
      raise exception 'comments are append-only: % on % refused', tg_op, tg_table_name;
    end $$`.execute(db);
  for (const table of ['comments', 'comment_mentions']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)}
      before update or delete on ${sql.table(table)}
      for each row execute function comments_append_only()`.execute(db);
  }
}
