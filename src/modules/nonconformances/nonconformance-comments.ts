import type { CommentSubject } from '../comments/comment-subject.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import { formatNonconformanceNumber } from './nonconformance.schema.js';

/**
 * Nonconformances' comment threads (comments.record_type 'nonconformance'): whoever may read the
 * nonconformance (`work:read`, the permission of its own routes) reads its thread and may be
 * mentioned in it.
 */
export const nonconformanceComments: CommentSubject = {
  recordType: 'nonconformance',
  entityType: 'nonconformance',
  readPermission: 'work:read',
  noun: 'Nonconformance',
  plural: 'nonconformances',
  async find(db, id) {
    const row = await nonconformanceRepository.findById(db, id);
    return (
      row && {
        label: `${formatNonconformanceNumber(row.number)} ${row.title}`,
        path: `/nonconformances/${row.id}`,
        createdAt: row.raised_at.toISOString(),
      }
    );
  },
};
