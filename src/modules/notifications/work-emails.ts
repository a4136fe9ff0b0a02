import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { formatLocal } from '../../platform/time/local-time.js';
import type { EmailText, TextSettings } from './notification-texts.js';

type Settings = Pick<TextSettings, 'publicUrl' | 'timezone'>;

/** A piece of work as an e-mail names it: what, where to open it, and when it is due. */
export interface WorkItemForEmail {
  label: string;
  /** The path in the web app, e.g. /work-orders/<id>. */
  path: string;
  dueAt: Date | null;
  related: { entityType: string; entityId: string };
}

export interface PersonToTell {
  id: string;
  email: string;
  name: string;
}

function footer(reason: string): string {
  return `\n\n--\nPlumbline sent this because ${reason}. Every notification and its delivery is kept as evidence.`;
}

/** The e-mail telling a person what was just assigned to them (one e-mail per request). */
export function assignmentText(
  settings: Settings,
  assignee: PersonToTell,
  assignedBy: string,
  items: readonly WorkItemForEmail[],
): EmailText {
  const lines = items.map(
    (item) =>
      `- ${item.label}${item.dueAt ? ` (due ${formatLocal(item.dueAt, settings.timezone)})` : ''}\n` +
      `  ${settings.publicUrl}${item.path}`,
  );
  return {
    subject:
      items.length === 1
        ? `Assigned to you: ${items[0]!.label}`
        : `${items.length} pieces of work assigned to you`,
    text:
      `Hello ${assignee.name},\n\n` +
      `${assignedBy} assigned this work to you:\n\n` +
      `${lines.join('\n')}\n\n` +
      'It is listed in My work.' +
      footer('work was assigned to you'),
  };
}

/**
 * Queues, in the transaction that assigns the work, the assignee's e-mail listing it (bulk lane:
 * grouped with their other notifications at most once an hour).
 */
export async function queueAssignmentEmail(
  trx: Transaction<Database>,
  now: Date,
  settings: Settings,
  message: { assignee: PersonToTell; assignedBy: string; items: readonly WorkItemForEmail[] },
): Promise<number> {
  if (message.items.length === 0) return 0;
  const email: EmailToQueue = {
    recipient: message.assignee.email,
    ...assignmentText(settings, message.assignee, message.assignedBy, message.items),
    category: 'assignment',
    related: message.items[0]!.related,
  };
  return enqueueEmails(trx, [email], now);
}

/** The e-mail telling a person they were mentioned in a comment, with the comment in full. */
export function mentionText(
  settings: Settings,
  person: PersonToTell,
  comment: { author: string; recordLabel: string; path: string; body: string },
): EmailText {
  const quoted = comment.body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return {
    subject: `${comment.author} mentioned you on ${comment.recordLabel}`,
    text:
      `Hello ${person.name},\n\n` +
      `${comment.author} mentioned you in a comment on ${comment.recordLabel}:\n\n` +
      `${quoted}\n\n` +
      `Open it: ${settings.publicUrl}${comment.path}` +
      footer('you were mentioned in a comment'),
  };
}

/** Queues one e-mail per person mentioned, in the comment's transaction, once per comment. */
export async function queueMentionEmails(
  trx: Transaction<Database>,
  now: Date,
  settings: Settings,
  comment: {
    id: string;
    author: string;
    recordLabel: string;
    path: string;
    body: string;
    related: { entityType: string; entityId: string };
    mentioned: readonly PersonToTell[];
  },
): Promise<number> {
  const emails: EmailToQueue[] = comment.mentioned.map((person) => ({
    recipient: person.email,
    ...mentionText(settings, person, comment),
    category: 'mention',
    dedupeKey: `mention:${comment.id}:${person.id}`,
    related: comment.related,
  }));
  return enqueueEmails(trx, emails, now);
}
