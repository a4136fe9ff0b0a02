import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { AssignmentKey } from './work-assignment.js';

type Db = Kysely<Database> | Transaction<Database>;

/** SQL of work_assignments: who holds each piece of work now. */
export const workAssignmentRepository = {
  find: (db: Db, key: AssignmentKey) =>
    db
      .selectFrom('work_assignments')
      .innerJoin('users', 'users.id', 'work_assignments.assignee_id')
      .select([
        'work_assignments.assignee_id',
        'users.name as assignee_name',
        'users.email as assignee_email',
      ])
      .where(
        'occurrenceId' in key
          ? (eb) => eb('work_assignments.occurrence_id', '=', key.occurrenceId)
          : (eb) => eb('work_assignments.work_order_id', '=', key.workOrderId),
      )
      .executeTakeFirst(),
  assign: (db: Db, key: AssignmentKey, values: { assigneeId: string; by: string; now: Date }) =>
    db
      .insertInto('work_assignments')
      .values({
        occurrence_id: 'occurrenceId' in key ? key.occurrenceId : null,
        work_order_id: 'workOrderId' in key ? key.workOrderId : null,
        assignee_id: values.assigneeId,
        assigned_by: values.by,
        assigned_at: values.now,
      })
      .onConflict((oc) =>
        oc.column('occurrenceId' in key ? 'occurrence_id' : 'work_order_id').doUpdateSet({
          assignee_id: values.assigneeId,
          assigned_by: values.by,
          assigned_at: values.now,
        }),
      )
      .execute(),
  unassign: (db: Db, key: AssignmentKey) =>
    db
      .deleteFrom('work_assignments')
      .where(
        'occurrenceId' in key
          ? (eb) => eb('occurrence_id', '=', key.occurrenceId)
          : (eb) => eb('work_order_id', '=', key.workOrderId),
      )
      .execute(),
};
