import type { CommentSubject } from '../comments/comment-subject.js';
import { workOrderRepository } from './work-order.repository.js';
import { formatWorkOrderNumber } from './work-order.schema.js';

/** Work orders' comment threads (comments.record_type 'work-order'). */
export const workOrderComments: CommentSubject = {
  recordType: 'work-order',
  entityType: 'work_order',
  readPermission: 'work:read',
  noun: 'Work order',
  plural: 'work orders',
  async find(db, id) {
    const [row] = await workOrderRepository.list(db, { ids: [id] });
    return (
      row && {
        label: `${formatWorkOrderNumber(row.number)} ${row.title}`,
        path: `/work-orders/${row.id}`,
        createdAt: row.created_at.toISOString(),
      }
    );
  },
};
