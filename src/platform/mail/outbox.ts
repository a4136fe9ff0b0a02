import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import { systemActor } from '../audit/actor.js';
import { mutate } from '../audit/mutate.js';
import type { Mailer } from './mailer.js';

export interface EmailToQueue {
  recipient: string;
  subject: string;
  text: string;
  /** What kind of notification (reminder, overdue, escalation, digest, backup-alert…). */
  category: string;
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

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}

export interface OutboxDeliveryDeps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer | null;
}

/**
 * Sends what is due in the outbox. Messages are claimed with FOR UPDATE SKIP LOCKED under a short
 * lease, so several instances never send one message twice, and a crashed sender's messages
 * become available again when the lease ends. Sending happens outside any transaction; each
 * result (success or the SMTP error) is then recorded as a delivery attempt and an audit event,
 * which is the evidence that people were notified. Failures are retried with backoff.
 */
export async function deliverOutbox(
  deps: OutboxDeliveryDeps,
  limit = 25,
): Promise<{ sent: number; failed: number }> {
  if (!deps.mailer) return { sent: 0, failed: 0 };
  const now = deps.clock.now();
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_messages')
      .select('id')
      .where('status', 'in', ['pending', 'sending'])
      .where('available_at', '<=', now)
      .orderBy('available_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('outbox_messages')
      .set({ status: 'sending', available_at: new Date(now.getTime() + SENDING_LEASE_MS) })
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .returningAll()
      .execute();
  });

  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    let outcome: { ok: true; messageId: string; response: string } | { ok: false; error: string };
    try {
      const result = await deps.mailer.send({
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
      });
      outcome = { ok: true, ...result };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    await mutate(deps, systemActor, async (tx) => {
      const attempts = message.attempts + 1;
      await tx.trx
        .insertInto('outbox_attempts')
        .values({
          message_id: message.id,
          attempted_at: tx.now,
          succeeded: outcome.ok,
          detail: outcome.ok ? outcome.response : outcome.error,
        })
        .execute();
      if (outcome.ok) {
        await tx.trx
          .updateTable('outbox_messages')
          .set({
            status: 'sent',
            attempts,
            sent_at: tx.now,
            provider_message_id: outcome.messageId,
            last_error: null,
          })
          .where('id', '=', message.id)
          .execute();
      } else {
        const giveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
        await tx.trx
          .updateTable('outbox_messages')
          .set({
            status: giveUp ? 'failed' : 'pending',
            attempts,
            last_error: outcome.error,
            available_at: new Date(tx.now.getTime() + retryDelayMs(attempts)),
          })
          .where('id', '=', message.id)
          .execute();
      }
      await tx.audit({
        action: outcome.ok ? 'notification.delivered' : 'notification.delivery_failed',
        entityType: 'notification',
        entityId: message.id,
        after: {
          recipient: message.recipient,
          subject: message.subject,
          category: message.category,
          attempt: attempts,
          result: outcome.ok ? outcome.response : outcome.error,
        },
      });
    });
    if (outcome.ok) sent += 1;
    else failed += 1;
  }
  return { sent, failed };
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
 * Messages not sent yet, by status (`pending`, `sending`, `failed`): what the metrics endpoint
 * reports as the outbox backlog.
 */
export async function countOutboxBacklog(
  db: Kysely<Database>,
): Promise<{ status: string; count: number }[]> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .where('status', '!=', 'sent')
    .groupBy('status')
    .execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}
