import type { AppContext } from '../../platform/context.js';
import { formatLocal } from '../../platform/time/local-time.js';
import type { OccurrenceSnapshot } from './occurrence-snapshot.js';

/** What the texts need to know about the installation. */
export interface TextSettings {
  publicUrl: string;
  timezone: string;
  reminderDays: number;
  escalationHours: number;
}

/** A person an e-mail goes to, as the identity module lists them for a role. */
export interface Recipient {
  email: string;
  name: string;
  role: string;
}

export function textSettings(config: AppContext['config']): TextSettings {
  return {
    publicUrl: config.publicUrl,
    timezone: config.timezone,
    reminderDays: config.reminderDays,
    escalationHours: config.escalationHours,
  };
}

export interface EmailText {
  subject: string;
  text: string;
}

export function occurrenceLink(settings: Pick<TextSettings, 'publicUrl'>, id: string): string {
  return `${settings.publicUrl}/work/occurrences/${id}`;
}

/** "Critical patches applied within 72 hours — web-1", or the title alone without an asset. */
function occurrenceLabel(occurrence: OccurrenceSnapshot): string {
  return occurrence.assetKey
    ? `${occurrence.controlTitle} — ${occurrence.assetKey}`
    : occurrence.controlTitle;
}

function footer(reason: string): string {
  return `\n\n--\nPlumbline sent this because ${reason}. Every notification and its delivery is kept as evidence.`;
}

export function reminderText(
  settings: TextSettings,
  occurrence: OccurrenceSnapshot,
  person: Recipient,
): EmailText {
  const due = formatLocal(occurrence.dueAt, settings.timezone);
  return {
    subject: `Reminder: due ${due}: ${occurrenceLabel(occurrence)}`,
    text:
      `Hello ${person.name},\n\n` +
      `"${occurrence.controlTitle}"${occurrence.assetKey ? ` for ${occurrence.assetKey}` : ''} ` +
      `is due on ${due} and is not finished yet.\n\n` +
      `Open it: ${occurrenceLink(settings, occurrence.id)}` +
      footer(
        `the ${occurrence.ownerRole} role owns this work and reminders go out ${settings.reminderDays} day(s) before the due time`,
      ),
  };
}

export function overdueText(
  settings: TextSettings,
  occurrence: OccurrenceSnapshot,
  person: Recipient,
): EmailText {
  const due = formatLocal(occurrence.dueAt, settings.timezone);
  return {
    subject: `Overdue: ${occurrenceLabel(occurrence)}`,
    text:
      `Hello ${person.name},\n\n` +
      `"${occurrence.controlTitle}"${occurrence.assetKey ? ` for ${occurrence.assetKey}` : ''} ` +
      `was due on ${due} and has not been completed. Please finish it, or record why it does not apply.\n\n` +
      `Open it: ${occurrenceLink(settings, occurrence.id)}` +
      footer(`the ${occurrence.ownerRole} role owns this work`),
  };
}

export function escalationText(
  settings: TextSettings,
  occurrence: OccurrenceSnapshot,
  person: Recipient,
): EmailText {
  const due = formatLocal(occurrence.dueAt, settings.timezone);
  return {
    subject: `Escalation: ${occurrenceLabel(occurrence)} still open ${settings.escalationHours} h after its due time`,
    text:
      `Hello ${person.name},\n\n` +
      `"${occurrence.controlTitle}"${occurrence.assetKey ? ` for ${occurrence.assetKey}` : ''} ` +
      `was due on ${due}. It is still not completed more than ${settings.escalationHours} hours later. ` +
      `The ${occurrence.ownerRole} role owns it and was alerted when it became overdue.\n\n` +
      `Open it: ${occurrenceLink(settings, occurrence.id)}` +
      footer('open work past its escalation delay is reported to the quality role'),
  };
}

export interface DigestSections {
  overdue: OccurrenceSnapshot[];
  dueSoon: OccurrenceSnapshot[];
  awaitingVerification: OccurrenceSnapshot[];
}

/** At most this many lines per section; the rest are counted, and the work list shows them all. */
const DIGEST_SECTION_LINES = 50;

function section(settings: TextSettings, title: string, items: OccurrenceSnapshot[]): string {
  if (items.length === 0) return '';
  const lines = items
    .slice(0, DIGEST_SECTION_LINES)
    .map(
      (item) =>
        `- ${occurrenceLabel(item)} (due ${formatLocal(item.dueAt, settings.timezone)})\n  ${occurrenceLink(settings, item.id)}`,
    );
  if (items.length > DIGEST_SECTION_LINES)
    lines.push(`… and ${items.length - DIGEST_SECTION_LINES} more in Plumbline.`);
  return `${title} (${items.length})\n${lines.join('\n')}\n\n`;
}

export function digestText(
  settings: TextSettings,
  week: string,
  person: Recipient,
  sections: DigestSections,
): EmailText {
  const counts = [
    sections.overdue.length > 0 ? `${sections.overdue.length} overdue` : null,
    sections.dueSoon.length > 0 ? `${sections.dueSoon.length} due this week` : null,
    sections.awaitingVerification.length > 0
      ? `${sections.awaitingVerification.length} awaiting verification`
      : null,
  ].filter((count) => count !== null);
  return {
    subject: `Weekly digest ${week}: ${counts.join(', ')}`,
    text:
      `Hello ${person.name},\n\nThis is the work of the ${person.role} role as of this morning.\n\n` +
      section(settings, 'Overdue', sections.overdue) +
      section(settings, 'Due in the next 7 days', sections.dueSoon) +
      section(settings, 'Done, waiting for verification', sections.awaitingVerification) +
      `All your work: ${settings.publicUrl}/work` +
      footer('you have work in Plumbline; weeks with nothing to report send no digest'),
  };
}
