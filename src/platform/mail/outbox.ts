import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { systemActor } from '../audit/actor.js';
import { mutate } from '../audit/mutate.js';
import type { Mailer, OutgoingEmail } from './mailer.js';
import { groupedEmail } from './outbox-digest.js';
import { BULK_INTERVAL_MS, defaultPriorityOf, type OutboxPriority } from './outbox-priority.js';

export interface EmailToQueue {
  recipient: string;
  subject: string;
  text: string;
  /** What kind of notification (reminder, overdue, escalation, digest, backup-alert…). */
  category: string;
  /** The lane (outbox-priority.ts); by default the category's (`defaultPriorityOf`). */
  priority?: OutboxPriority;
  /** A message with the same key is queued only once (one alert per incident). */
  dedupeKey?: string;
  related?: { entityType: string; entityId: string };
}

/**
 * Queues e-mails inside the caller's transaction, so they exist exactly when the change that
 * caused them commits. Delivery happens later, after commit, by `deliverOutbox`.
 * Returns how many were newly queued (duplicates by dedupe key are ignored).
 */
export async function enqueueEmails(
  trx: Transaction<Database> | Kysely<Database>,
  emails: EmailToQueue[],
  now: Date,
): Promise<number> {
  if (emails.length === 0) return 0;
  const inserted = await trx
    .insertInto('outbox_messages')
    .values(
      emails.map((email) => ({
        channel: 'email',
        recipient: email.recipient,
        subject: email.subject,
        body_text: email.text,
        category: email.category,
        priority: email.priority ?? defaultPriorityOf(email.category),
        dedupe_key: email.dedupeKey ?? null,
        related_entity_type: email.related?.entityType ?? null,
        related_entity_id: email.related?.entityId ?? null,
        status: 'pending',
        created_at: now,
        available_at: now,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** After this many failed attempts a message is marked failed (still listed, never deleted). */
export const MAX_DELIVERY_ATTEMPTS = 12;
/** How long a claimed message is reserved for the instance sending it. */
const SENDING_LEASE_MS = 5 * 60_000;
/** Urgent messages claimed per delivery run (each is one e-mail). */
const URGENT_PER_RUN = 100;
/** Bulk messages claimed per delivery run, over all recipients (each person gets one e-mail). */
const BULK_PER_RUN = 5_000;

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}

export interface OutboxDeliveryDeps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer | null;
}

type ClaimedMessage = Selectable<Database['outbox_messages']>;

/**
 * Sends what is due in the outbox, urgent lane first. Urgent messages go one e-mail each, oldest
 * first, so an alert queued behind any backlog of bulk mail leaves in the same run. Then each
 * person whose last bulk e-mail is more than an hour old gets one e-mail listing all their due
 * bulk messages (`groupedEmail`); the others' messages wait for their hour.
 *
 * Messages are claimed with FOR UPDATE SKIP LOCKED under a short lease, so several instances never
 * send one message twice, and a crashed sender's messages become available again when the lease
 * ends (a person with bulk messages under another sender's lease is left to that sender). Sending
 * happens outside any transaction; each result (success or the SMTP error) is then recorded for
 * every message the e-mail carried, as a delivery attempt and an audit event, which is the evidence
 * that people were notified. Failures are retried with backoff.
 * `sent` and `failed` count messages; `emails` counts what went to the mail server.
 */
export async function deliverOutbox(
  deps: OutboxDeliveryDeps,
): Promise<{ sent: number; failed: number; emails: number }> {
  const totals = { sent: 0, failed: 0, emails: 0 };
  const mailer = deps.mailer;
  if (!mailer) return totals;
  const now = deps.clock.now();
  const deliver = async (recipient: string, messages: ClaimedMessage[]) => {
    const outcome = await sendOne(mailer, groupedEmail(recipient, messages.map(digestItem)));
    await recordOutcome(deps, messages, outcome);
    totals.emails += 1;
    if (outcome.ok) totals.sent += messages.length;
    else totals.failed += messages.length;
  };

  for (const message of await claimUrgent(deps.db, now)) {
    await deliver(message.recipient, [message]);
  }
  const byRecipient = new Map<string, ClaimedMessage[]>();
  for (const message of await claimBulk(deps.db, now)) {
    byRecipient.set(message.recipient, [...(byRecipient.get(message.recipient) ?? []), message]);
  }
  for (const [recipient, messages] of byRecipient) await deliver(recipient, messages);
  return totals;
}

const digestItem = (message: ClaimedMessage) => ({
  subject: message.subject,
  text: message.body_text,
  category: message.category,
});

const lease = (now: Date) => new Date(now.getTime() + SENDING_LEASE_MS);

/** Marks the claimed messages as being sent, until their lease ends; in queue order. */
async function leaseMessages(
  trx: Transaction<Database>,
  ids: string[],
  now: Date,
): Promise<ClaimedMessage[]> {
  if (ids.length === 0) return [];
  const claimed = await trx
    .updateTable('outbox_messages')
    .set({ status: 'sending', available_at: lease(now) })
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  return claimed.sort(byQueueOrder);
}

async function claimUrgent(db: Kysely<Database>, now: Date): Promise<ClaimedMessage[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_messages')
      .select('id')
      .where('priority', '=', 'urgent')
      .where('status', 'in', ['pending', 'sending'])
      .where('available_at', '<=', now)
      .orderBy('available_at')
      .orderBy('id')
      .limit(URGENT_PER_RUN)
      .forUpdate()
      .skipLocked()
      .execute();
    return leaseMessages(
      trx,
      due.map((row) => row.id),
      now,
    );
  });
}

/** Due bulk messages of the people who have had no bulk e-mail for an hour. */
async function claimBulk(db: Kysely<Database>, now: Date): Promise<ClaimedMessage[]> {
  const hourAgo = new Date(now.getTime() - BULK_INTERVAL_MS);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_messages as m')
      .select('m.id')
      .where('m.priority', '=', 'bulk')
      .where('m.status', 'in', ['pending', 'sending'])
      .where('m.available_at', '<=', now)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_messages as s')
              .select('s.id')
              .whereRef('s.recipient', '=', 'm.recipient')
              .where('s.priority', '=', 'bulk')
              .where((inner) =>
                inner.or([
                  inner('s.sent_at', '>', hourAgo),
                  inner.and([inner('s.status', '=', 'sending'), inner('s.available_at', '>', now)]),
                ]),
              ),
          ),
        ),
      )
      .orderBy('m.available_at')
      .orderBy('m.id')
      .limit(BULK_PER_RUN)
      .forUpdate()
      .skipLocked()
      .execute();
    return leaseMessages(
      trx,
      due.map((row) => row.id),
      now,
    );
  });
}

function byQueueOrder(a: ClaimedMessage, b: ClaimedMessage): number {
  return a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id);
}

type SendOutcome = { ok: true; messageId: string; response: string } | { ok: false; error: string };

async function sendOne(mailer: Mailer, email: OutgoingEmail): Promise<SendOutcome> {
  try {
    return { ok: true, ...(await mailer.send(email)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One attempt and one audit entry per message the e-mail carried, in one transaction. */
async function recordOutcome(
  deps: OutboxDeliveryDeps,
  messages: ClaimedMessage[],
  outcome: SendOutcome,
): Promise<void> {
  await mutate(deps, systemActor, async (tx) => {
    await tx.trx
      .insertInto('outbox_attempts')
      .values(
        messages.map((message) => ({
          message_id: message.id,
          attempted_at: tx.now,
          succeeded: outcome.ok,
          detail: outcome.ok ? outcome.response : outcome.error,
        })),
      )
      .execute();
    // Messages of one e-mail may have different attempt counts (a retried one joins new ones).
    const byAttempts = new Map<number, string[]>();
    for (const message of messages) {
      const attempts = message.attempts + 1;
      byAttempts.set(attempts, [...(byAttempts.get(attempts) ?? []), message.id]);
    }
    for (const [attempts, ids] of byAttempts) {
      const update = tx.trx.updateTable('outbox_messages').where('id', 'in', ids);
      await (
        outcome.ok
          ? update.set({
              status: 'sent',
              attempts,
              sent_at: tx.now,
              provider_message_id: outcome.messageId,
              last_error: null,
            })
          : update.set({
              status: attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending',
              attempts,
              last_error: outcome.error,
              available_at: new Date(tx.now.getTime() + retryDelayMs(attempts)),
            })
      ).execute();
    }
    await tx.auditMany(
      messages.map((message) => ({
        action: outcome.ok ? 'notification.delivered' : 'notification.delivery_failed',
        entityType: 'notification',
        entityId: message.id,
        after: {
          recipient: message.recipient,
          subject: message.subject,
          category: message.category,
          priority: message.priority,
          attempt: message.attempts + 1,
          ...(messages.length > 1 ? { groupedWith: messages.length - 1 } : {}),
          result: outcome.ok ? outcome.response : outcome.error,
        },
      })),
    );
  });
}

/** Puts failed messages back in the queue (after fixing the mail server). */
export async function requeueFailedMessages(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ status: 'pending', available_at: now, attempts: sql<number>`0` })
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Cancels the messages of a category about one record that have not been handed to the mail
 * server yet (an invitation whose link a newer one replaced). They stay listed, with the reason.
 * Messages being sent right now are left to finish.
 */
export async function cancelUnsentMessages(
  trx: Transaction<Database>,
  about: { category: string; entityType: string; entityId: string },
  reason: string,
): Promise<number> {
  const result = await trx
    .updateTable('outbox_messages')
    .set({ status: 'cancelled', last_error: reason })
    .where('category', '=', about.category)
    .where('related_entity_type', '=', about.entityType)
    .where('related_entity_id', '=', about.entityId)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Messages not sent yet, by status (`pending`, `sending`, `failed`): what the metrics endpoint
 * reports as the outbox backlog.
 */
export async function countOutboxBacklog(
  db: Kysely<Database>,
): Promise<{ status: string; count: number }[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .where('status', 'in', ['pending', 'sending', 'failed'])
    .groupBy('status')
    .execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}
