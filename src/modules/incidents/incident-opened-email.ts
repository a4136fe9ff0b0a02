import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { USER_ROLES } from '../../platform/auth/roles.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { formatLocal } from '../../platform/time/local-time.js';
import { listActiveUserEmailsByRole } from '../identity/list-user-emails-by-role.js';
import type { IncidentSeverity } from './incident-status.js';

/** What the e-mail needs from the configuration. */
export interface IncidentEmailSettings {
  publicUrl: string;
  timezone: string;
}

export interface OpenedIncident {
  id: string;
  number: string;
  title: string;
  severity: IncidentSeverity;
  detectionSource: string;
  detectedAt: Date;
  assets: { key: string; name: string }[];
  /** When the signed conformity decision is due (the control's deadline), if the clock started. */
  decisionDueAt: Date | null;
}

/** The text of the e-mail sent once when an incident opens. */
export function incidentOpenedText(
  settings: IncidentEmailSettings,
  incident: OpenedIncident,
): { subject: string; text: string } {
  const assets =
    incident.assets.length === 0
      ? 'none named'
      : incident.assets.map((asset) => `${asset.key} (${asset.name})`).join(', ');
  const due = incident.decisionDueAt
    ? `The quality role must record whether it could have affected product or service conformity, ` +
      `signed, by ${formatLocal(incident.decisionDueAt, settings.timezone)}.\n\n`
    : '';
  return {
    subject: `Incident ${incident.number} (${incident.severity}): ${incident.title}`,
    text:
      `${incident.number} was opened: ${incident.title}.\n\n` +
      `Severity: ${incident.severity}\n` +
      `Detected: ${formatLocal(incident.detectedAt, settings.timezone)} (${incident.detectionSource})\n` +
      `Assets: ${assets}\n\n` +
      due +
      `${settings.publicUrl}/incidents/${incident.id}` +
      '\n\n--\nPlumbline sent this because an incident was opened. ' +
      'Every notification and its delivery is kept as evidence.',
  };
}

/**
 * Queues the incident's e-mail, in the transaction that opens it, to the active people of the
 * quality role (who decide on conformity) and of the owner roles of its assets: urgent lane, one
 * per person, deduplicated on the incident. Returns how many were queued.
 */
export async function queueIncidentOpenedEmails(
  tx: AuditedTransaction,
  settings: IncidentEmailSettings,
  incident: OpenedIncident & { ownerRoles: string[] },
): Promise<number> {
  const recipients = new Map<string, string>();
  const roles = new Set(['quality', ...incident.ownerRoles]);
  for (const role of USER_ROLES.filter((candidate) => roles.has(candidate))) {
    for (const person of await listActiveUserEmailsByRole({ db: tx.trx }, role)) {
      recipients.set(person.email, person.name);
    }
  }
  const text = incidentOpenedText(settings, incident);
  const emails: EmailToQueue[] = [...recipients.keys()].map((recipient) => ({
    recipient,
    ...text,
    category: 'incident',
    dedupeKey: `incident-opened:${incident.id}:${recipient}`,
    related: { entityType: 'incident', entityId: incident.id },
  }));
  return enqueueEmails(tx.trx, emails, tx.now);
}
