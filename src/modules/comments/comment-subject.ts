import type { Kysely } from 'kysely';
import type { Permission } from '../../platform/auth/policy.js';
import type { Database } from '../../platform/db/schema.js';

/** What the comments module needs to know of a record it keeps a thread for. */
export interface CommentedRecord {
  /** How e-mails name it: "WO-000012 Replace the disk". */
  label: string;
  /** Its page in the web app, e.g. /work-orders/<id>. */
  path: string;
  /** When it was created: an engaged auditor sees the threads of records of their period. */
  createdAt: string;
}

/**
 * The record types that have a comment thread: their names in `comments.record_type`. A closed
 * list, so a thread can only be opened for a record type that describes itself below.
 */
export const COMMENT_RECORD_TYPES = ['work-order', 'nonconformance'] as const;
export type CommentRecordType = (typeof COMMENT_RECORD_TYPES)[number];

/**
 * A record type with a comment thread (work orders, nonconformances): its name in the comments
 * table and the audit trail, who may read it (mentions name only people who may), and how to
 * find one.
 */
export interface CommentSubject {
  recordType: CommentRecordType;
  /** The audit trail's entity type of the record. */
  entityType: string;
  /** Who may read the record, and so its thread: the people a comment may mention. */
  readPermission: Permission;
  /** What the record is called in an error ("Work order"). */
  noun: string;
  /** Words for the people who may read it ("work orders"), for a refused mention. */
  plural: string;
  find(db: Kysely<Database>, id: string): Promise<CommentedRecord | undefined>;
}
