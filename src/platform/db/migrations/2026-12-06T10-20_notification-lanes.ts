import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Each outbox message gets a priority: `urgent` (alerts, invitations, security e-mails), sent
// first and one by one whatever the backlog, or `bulk` (reminders, overdue notices, escalations,
// nonconformances, digests), grouped per person into at most one e-mail an hour. Messages already
// queued keep their place: the categories that are alerts or invitations become urgent.
// A message may also be `cancelled` (an invitation e-mail whose link a newer one replaced).
//
// An auditor invitation's link can be issued again (resent): `invite_issued_at` is when the
// current link was issued, from which its validity counts (the creation time when null).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox_messages')
    .addColumn('priority', 'text', (c) =>
      c
        .notNull()
        .defaultTo('bulk')
        .check(sql`priority in ('urgent', 'bulk')`),
    )
    .execute();
  await db.schema
    .alterTable('auditor_engagements')
    .addColumn('invite_issued_at', 'timestamptz')
    .execute();
  await db
    .updateTable('outbox_messages')
    .set({ priority: 'urgent' })
    .where('category', 'in', [
      'backup-alert',
      'backup-recovery',
      'auditor-invitation',
      'security',
      'incident',
      'sla-breach',
    ])
    .execute();
  // What is due, by lane: the sender reads the urgent lane first.
  await db.schema
    .createIndex('outbox_messages_due_by_priority_idx')
    .on('outbox_messages')
    .columns(['priority', 'status', 'available_at'])
    .execute();
  // When each person last got a bulk e-mail (the hourly limit).
  await db.schema
    .createIndex('outbox_messages_recipient_sent_idx')
    .on('outbox_messages')
    .columns(['recipient', 'priority', 'sent_at'])
    .execute();
}
