import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

export interface OccurrenceWindowFilter {
  dueAfter: Date;
  dueAtOrBefore: Date;
  /** Only occurrences that exist by this instant. */
  existingAt: Date;
  /** Leave out occurrences that already have a message of this category about them. */
  withoutMessageOfCategory?: string;
}

export interface OutboxFilter {
  category?: string | undefined;
  priority?: string | undefined;
  recipient?: string | undefined;
  status?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset: continue after this (created_at, id), newest first. */
  after?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

export const notificationsRepository = {
  /**
   * Occurrences due in a window, with their control. With `withoutMessageOfCategory`, an occurrence
   * drops out once such a message about it is queued (to anybody), so a job's cost stays with new
   * work.
   */
  occurrencesDueBetween: (db: Db, filter: OccurrenceWindowFilter) => {
    let select = db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select([
        'occurrences.id',
        'occurrences.asset_key',
        'occurrences.opens_at',
        'occurrences.due_at',
        'occurrences.closes_at',
        'occurrences.owner_role',
        'controls.key as control_key',
        'controls.title as control_title',
        'controls.evaluation',
      ])
      .where('occurrences.due_at', '>', filter.dueAfter)
      .where('occurrences.due_at', '<=', filter.dueAtOrBefore)
      .where('occurrences.generated_at', '<=', filter.existingAt)
      .orderBy('occurrences.due_at')
      .orderBy('controls.key')
      .orderBy('occurrences.asset_key');
    const category = filter.withoutMessageOfCategory;
    if (category) {
      select = select.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_messages')
              .select('outbox_messages.id')
              .where('outbox_messages.category', '=', category)
              .where('outbox_messages.related_entity_type', '=', 'occurrence')
              // related_entity_id is text (it names entities of any kind); occurrence ids are uuids.
              .where('outbox_messages.related_entity_id', '=', sql<string>`occurrences.id::text`),
          ),
        ),
      );
    }
    return select.execute();
  },
  eventsFor: (db: Db, occurrenceIds: string[]) =>
    occurrenceIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('occurrence_events')
          .select(['occurrence_id', 'kind', 'at'])
          .where('occurrence_id', 'in', occurrenceIds)
          .orderBy('seq')
          .execute(),
  listMessages: (db: Db, filter: OutboxFilter) => {
    let select = db
      .selectFrom('outbox_messages')
      .select([
        'id',
        'category',
        'priority',
        'recipient',
        'subject',
        'status',
        'attempts',
        'created_at',
        'sent_at',
        'last_error',
        'related_entity_type',
        'related_entity_id',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit);
    const after = filter.after;
    if (after)
      select = select.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)),
      );
    if (filter.category) select = select.where('category', '=', filter.category);
    if (filter.priority) select = select.where('priority', '=', filter.priority);
    if (filter.recipient) select = select.where('recipient', '=', filter.recipient);
    if (filter.status) select = select.where('status', '=', filter.status);
    if (filter.from) select = select.where('created_at', '>=', filter.from);
    if (filter.to) select = select.where('created_at', '<', filter.to);
    return select.execute();
  },
  /** Messages waiting (pending or being sent) and failed, by priority, with the oldest waiting. */
  unsentSummary: (db: Db) =>
    db
      .selectFrom('outbox_messages')
      .select([
        'status',
        'priority',
        (eb) => eb.fn.countAll<string>().as('count'),
        (eb) => eb.fn.min('created_at').as('oldest'),
      ])
      .where('status', 'in', ['pending', 'sending', 'failed'])
      .groupBy(['status', 'priority'])
      .execute(),
  attemptsFor: (db: Db, messageIds: string[]) =>
    messageIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('outbox_attempts')
          .select(['message_id', 'attempted_at', 'succeeded', 'detail'])
          .where('message_id', 'in', messageIds)
          .orderBy('attempted_at')
          .orderBy('id')
          .execute(),
};
