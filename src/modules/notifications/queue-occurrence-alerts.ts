import type { AppContext } from '../../platform/context.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { isOpen, loadOccurrenceSnapshots, type OccurrenceSnapshot } from './occurrence-snapshot.js';
import {
  escalationText,
  overdueText,
  reminderText,
  textSettings,
  type EmailText,
  type Recipient,
  type TextSettings,
} from './notification-texts.js';
import { recipientsByRole } from './role-recipients.js';

export type OccurrenceAlertKind = 'reminder' | 'overdue' | 'escalation';

/**
 * Overdue alerts and escalations look back this far. Older open work is reported by the weekly
 * digest instead, so a first start (or a long outage) does not flood inboxes with old news.
 */
export const ALERT_LOOKBACK_DAYS = 30;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface AlertRule {
  /** Due times (exclusive start, inclusive end) that make an occurrence eligible at `now`. */
  dueWindow(now: Date, settings: TextSettings): { dueAfter: Date; dueAtOrBefore: Date };
  recipientRole(occurrence: OccurrenceSnapshot): string;
  text(settings: TextSettings, occurrence: OccurrenceSnapshot, person: Recipient): EmailText;
}

const RULES: Record<OccurrenceAlertKind, AlertRule> = {
  reminder: {
    dueWindow: (now, settings) => ({
      dueAfter: now,
      dueAtOrBefore: new Date(now.getTime() + settings.reminderDays * DAY_MS),
    }),
    recipientRole: (occurrence) => occurrence.ownerRole,
    text: reminderText,
  },
  overdue: {
    dueWindow: (now) => ({
      dueAfter: new Date(now.getTime() - ALERT_LOOKBACK_DAYS * DAY_MS),
      dueAtOrBefore: now,
    }),
    recipientRole: (occurrence) => occurrence.ownerRole,
    text: overdueText,
  },
  escalation: {
    dueWindow: (now, settings) => {
      const threshold = now.getTime() - settings.escalationHours * HOUR_MS;
      return {
        dueAfter: new Date(threshold - ALERT_LOOKBACK_DAYS * DAY_MS),
        dueAtOrBefore: new Date(threshold),
      };
    },
    recipientRole: () => 'quality',
    text: escalationText,
  },
};

/**
 * Queues one alert of `kind` per open occurrence that has become eligible, to every active user
 * of the recipient role, one outbox message per person with the dedupe key
 * `<kind>:<occurrenceId>:<e-mail>`: reruns and other instances queue nothing twice. An occurrence
 * whose role has nobody to receive it stays eligible, so it is sent once someone holds the role.
 */
export async function queueOccurrenceAlerts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  kind: OccurrenceAlertKind,
): Promise<{ queued: number; withoutRecipients: number }> {
  const now = ctx.clock.now();
  const settings = textSettings(ctx.config);
  const rule = RULES[kind];
  const candidates = (
    await loadOccurrenceSnapshots(
      ctx,
      { ...rule.dueWindow(now, settings), existingAt: now, withoutMessageOfCategory: kind },
      now,
    )
  ).filter((occurrence) => isOpen(occurrence.status));
  if (candidates.length === 0) return { queued: 0, withoutRecipients: 0 };

  const people = await recipientsByRole(
    ctx,
    candidates.map((occurrence) => rule.recipientRole(occurrence)),
  );
  const emails: EmailToQueue[] = [];
  let withoutRecipients = 0;
  for (const occurrence of candidates) {
    const role = rule.recipientRole(occurrence);
    const recipients = people.get(role) ?? [];
    if (recipients.length === 0) withoutRecipients += 1;
    for (const person of recipients) {
      emails.push({
        recipient: person.email,
        ...rule.text(settings, occurrence, person),
        category: kind,
        dedupeKey: `${kind}:${occurrence.id}:${person.email}`,
        related: { entityType: 'occurrence', entityId: occurrence.id },
      });
    }
  }
  return { queued: await enqueueEmails(ctx.db, emails, now), withoutRecipients };
}
