import type { OutgoingEmail } from './mailer.js';

/** A queued bulk message as the grouped e-mail lists it. */
export interface DigestItem {
  subject: string;
  text: string;
  category: string;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => (line.length > 0 ? `    ${line}` : line))
    .join('\n');

/**
 * The one e-mail that carries a person's bulk notifications: a message of its own when there is
 * only one, otherwise every item in full (subject and text), in the order they were queued, under
 * a subject that counts them by category. Nothing is summarised away.
 */
export function groupedEmail(recipient: string, items: DigestItem[]): OutgoingEmail {
  if (items.length === 1)
    return { to: recipient, subject: items[0]!.subject, text: items[0]!.text };
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  const summary = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([category, count]) => `${count} ${category}`)
    .join(', ');
  const body = items
    .map((item, index) => `${index + 1}. ${item.subject}\n\n${indent(item.text)}`)
    .join('\n\n');
  return {
    to: recipient,
    subject: `Plumbline: ${items.length} notifications (${summary})`,
    text:
      `${items.length} notifications are listed below, in the order they were raised.\n` +
      'Plumbline groups reminders, overdue notices, escalations and nonconformances into at most ' +
      'one e-mail per hour; alerts and invitations are sent at once, on their own.\n\n' +
      body,
  };
}
