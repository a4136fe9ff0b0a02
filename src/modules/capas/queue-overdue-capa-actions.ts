import type { AppContext } from '../../platform/context.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { recipientsByRole } from '../notifications/role-recipients.js';
import { capaRepository } from './capa.repository.js';
import { formatCapaNumber } from './capa.schema.js';
import { todayOf } from './capa.service.js';

const HOUR_MS = 3_600_000;

/** Mail categories of CAPA actions past their due date (the bulk lane: one e-mail per person an hour). */
export const CAPA_OVERDUE_CATEGORY = 'capa-overdue';
export const CAPA_ESCALATION_CATEGORY = 'capa-escalation';

type OverdueAction = Awaited<ReturnType<typeof capaRepository.overdueActions>>[number];

function footer(reason: string): string {
  return `\n\n--\nPlumbline sent this because ${reason}. Every notification and its delivery is kept as evidence.`;
}

function describe(action: OverdueAction, publicUrl: string): string {
  const capa = formatCapaNumber(action.capa_number);
  return (
    `Action "${action.title}" of ${capa} (${action.capa_title}) was due on ${action.due_on} ` +
    `and is not done.\n\nOpen it: ${publicUrl}/capas/${action.capa_id}`
  );
}

/**
 * Notifies the owner of each CAPA action that is past its due date (not done, not cancelled, its
 * CAPA not closed), once per action and due date, and escalates it to every person of the quality
 * role once the escalation delay (PLUMBLINE_ESCALATION_HOURS) has passed after the end of the due
 * date. Dedupe keys make reruns and other instances queue nothing twice; moving the due date
 * notifies again.
 */
export async function queueOverdueCapaActions(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<{ queued: number }> {
  const now = ctx.clock.now();
  const overdue = await capaRepository.overdueActions(ctx.db, todayOf(ctx));
  if (overdue.length === 0) return { queued: 0 };
  const quality = (await recipientsByRole(ctx, ['quality'])).get('quality') ?? [];
  const { publicUrl, timezone, escalationHours } = ctx.config;
  const emails: EmailToQueue[] = [];
  for (const action of overdue) {
    const capa = formatCapaNumber(action.capa_number);
    const related = { entityType: 'capa-action', entityId: action.id };
    if (action.owner_disabled_at === null) {
      emails.push({
        recipient: action.owner_email,
        subject: `Overdue: ${capa} action "${action.title}"`,
        text:
          `Hello ${action.owner_name},\n\n${describe(action, publicUrl)}\n\n` +
          'Please finish it and record what was done, or ask Quality to move its due date.' +
          footer('you own this corrective action'),
        category: CAPA_OVERDUE_CATEGORY,
        dedupeKey: `${CAPA_OVERDUE_CATEGORY}:${action.id}:${action.due_on}:${action.owner_email}`,
        related,
      });
    }
    const endOfDue = startOfDate(addDays(action.due_on, 1), timezone).getTime();
    if (now.getTime() < endOfDue + escalationHours * HOUR_MS) continue;
    for (const person of quality) {
      emails.push({
        recipient: person.email,
        subject: `Escalation: ${capa} action "${action.title}" overdue, owned by ${action.owner_label}`,
        text:
          `Hello ${person.name},\n\n${describe(action, publicUrl)} It is owned by ` +
          `${action.owner_label}, who was told when it became overdue, and is still not done ` +
          `${escalationHours} hours after the end of its due date.` +
          footer('overdue corrective actions are escalated to the quality role'),
        category: CAPA_ESCALATION_CATEGORY,
        dedupeKey: `${CAPA_ESCALATION_CATEGORY}:${action.id}:${action.due_on}:${person.email}`,
        related,
      });
    }
  }
  return { queued: await enqueueEmails(ctx.db, emails, now) };
}
