/**
 * The two lanes of the outbox. `urgent` messages (alerts, invitations, security e-mails) are sent
 * first, one e-mail each, at the first delivery run after they are queued, whatever the backlog.
 * `bulk` messages (reminders, overdue notices, escalations, nonconformances, digests) are grouped
 * per person into one e-mail listing every item, at most one such e-mail per person per hour.
 */
export const OUTBOX_PRIORITIES = ['urgent', 'bulk'] as const;
export type OutboxPriority = (typeof OUTBOX_PRIORITIES)[number];

/**
 * Categories that are urgent unless the producer says otherwise: a fact someone must act on now
 * (SOC 2 A1.2 backup alerts, later incidents and SLA breaches) or a message a person is waiting
 * for (an invitation, a security e-mail).
 */
export const URGENT_CATEGORIES: readonly string[] = [
  'backup-alert',
  'backup-recovery',
  'auditor-invitation',
  'security',
  'incident',
  'sla-breach',
];

export function defaultPriorityOf(category: string): OutboxPriority {
  return URGENT_CATEGORIES.includes(category) ? 'urgent' : 'bulk';
}

/** A person gets at most one bulk e-mail in this long. */
export const BULK_INTERVAL_MS = 3_600_000;
