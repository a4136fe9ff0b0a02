import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { WorkOrderHistoryKind, WorkOrderKind, WorkOrderStatus } from './work-order.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface WorkOrderFilter {
  ids?: string[];
  statuses?: WorkOrderStatus[] | undefined;
  kind?: WorkOrderKind | undefined;
  /** Performed by or assigned to this actor, or owned by this role. */
  mine?: { actorId: string | null; role: string; personId: string | null } | undefined;
  /** Assigned to this person, or to nobody (`null`). */
  assignee?: { id: string | null } | undefined;
  /** Only work orders created in [start, end): an engaged auditor's period. */
  within?: { start: Date; end: Date } | undefined;
  /** Keyset page, newest first: the work orders numbered below `beforeNumber`, at most `limit`. */
  page?: { beforeNumber: number | undefined; limit: number };
}

export const workOrderRepository = {
  list: (db: Db, filter: WorkOrderFilter) => {
    let select = db
      .selectFrom('work_orders')
      .leftJoin('controls', 'controls.id', 'work_orders.control_id')
      .leftJoin('assets', 'assets.id', 'work_orders.asset_id')
      // A corrective work order holds its own assignment; a preventive one, its occurrence's.
      .leftJoin('work_assignments as own', 'own.work_order_id', 'work_orders.id')
      .leftJoin(
        'work_assignments as of_occurrence',
        'of_occurrence.occurrence_id',
        'work_orders.occurrence_id',
      )
      .leftJoin('users as assignee', (join) =>
        join.on(sql<boolean>`assignee.id = coalesce(own.assignee_id, of_occurrence.assignee_id)`),
      )
      .selectAll('work_orders')
      .select([
        'controls.key as control_key',
        'assets.key as asset_key',
        'assignee.id as assignee_id',
        'assignee.name as assignee_name',
        'assignee.email as assignee_email',
      ])
      .orderBy('work_orders.number', 'desc');
    if (filter.ids) select = select.where('work_orders.id', 'in', filter.ids);
    if (filter.statuses) select = select.where('work_orders.status', 'in', filter.statuses);
    if (filter.kind) select = select.where('work_orders.kind', '=', filter.kind);
    const mine = filter.mine;
    if (mine)
      select = select.where((eb) =>
        eb.or([
          eb('work_orders.owner_role', '=', mine.role),
          ...(mine.actorId ? [eb('work_orders.performer_id', '=', mine.actorId)] : []),
          ...(mine.personId ? [eb('assignee.id', '=', mine.personId)] : []),
        ]),
      );
    const assignee = filter.assignee;
    if (assignee)
      select =
        assignee.id === null
          ? select.where('assignee.id', 'is', null)
          : select.where('assignee.id', '=', assignee.id);
    if (filter.within)
      select = select
        .where('work_orders.created_at', '>=', filter.within.start)
        .where('work_orders.created_at', '<', filter.within.end);
    const page = filter.page;
    if (page) {
      if (page.beforeNumber !== undefined)
        select = select.where('work_orders.number', '<', page.beforeNumber);
      select = select.limit(page.limit);
    }
    return select.execute();
  },
  findForUpdate: (trx: Transaction<Database>, id: string) =>
    trx.selectFrom('work_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  findByOccurrence: (db: Db, occurrenceId: string) =>
    db
      .selectFrom('work_orders')
      .select('id')
      .where('occurrence_id', '=', occurrenceId)
      .executeTakeFirst(),
  insert: (
    db: Db,
    values: {
      kind: WorkOrderKind;
      occurrenceId: string | null;
      controlId: string | null;
      assetId: string | null;
      title: string;
      description: string;
      status: WorkOrderStatus;
      ownerRole: string;
      createdBy: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('work_orders')
      .values({
        kind: values.kind,
        occurrence_id: values.occurrenceId,
        control_id: values.controlId,
        asset_id: values.assetId,
        title: values.title,
        description: values.description,
        status: values.status,
        owner_role: values.ownerRole,
        created_by: values.createdBy,
        created_at: values.now,
        updated_at: values.now,
      })
      .onConflict((oc) => oc.column('occurrence_id').doNothing())
      .returningAll()
      .executeTakeFirst(),
  update: (
    db: Db,
    id: string,
    changes: Partial<{
      status: WorkOrderStatus;
      performer_id: string | null;
      performer_label: string | null;
      completed_at: Date | null;
      completion_note: string | null;
    }>,
    now: Date,
  ) =>
    db
      .updateTable('work_orders')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  insertChecklist: (db: Db, workOrderId: string, items: string[]) =>
    items.length === 0
      ? Promise.resolve([])
      : db
          .insertInto('work_order_checklist_items')
          .values(
            items.map((text, index) => ({ work_order_id: workOrderId, position: index + 1, text })),
          )
          .execute(),
  checklist: (db: Db, workOrderId: string) =>
    db
      .selectFrom('work_order_checklist_items')
      .selectAll()
      .where('work_order_id', '=', workOrderId)
      .orderBy('position')
      .execute(),
  setChecklistItem: (
    db: Db,
    workOrderId: string,
    itemId: string,
    values: { done: boolean; doneBy: string | null; doneAt: Date | null },
  ) =>
    db
      .updateTable('work_order_checklist_items')
      .set({ done: values.done, done_by: values.doneBy, done_at: values.doneAt })
      .where('work_order_id', '=', workOrderId)
      .where('id', '=', itemId)
      .returningAll()
      .executeTakeFirst(),
  appendHistory: (
    db: Db,
    values: {
      workOrderId: string;
      kind: WorkOrderHistoryKind;
      at: Date;
      actorId: string | null;
      actorLabel: string;
      note?: string;
      signatureId?: string | null;
    },
  ) =>
    db
      .insertInto('work_order_events')
      .values({
        work_order_id: values.workOrderId,
        kind: values.kind,
        at: values.at,
        actor_id: values.actorId,
        actor_label: values.actorLabel,
        note: values.note ?? '',
        signature_id: values.signatureId ?? null,
      })
      .execute(),
  history: (db: Db, workOrderId: string) =>
    db
      .selectFrom('work_order_events')
      .selectAll()
      .where('work_order_id', '=', workOrderId)
      .orderBy('seq')
      .execute(),
};
