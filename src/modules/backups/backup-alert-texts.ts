import { formatLocal } from '../../platform/time/local-time.js';
import type { BackupIncidentKind } from './backup-evaluation.js';

/** What an alert e-mail says about an incident. */
export interface BackupAlertSubject {
  incidentId: string;
  kind: BackupIncidentKind;
  assetKey: string;
  assetName: string;
  policySource: string;
  summary: string;
  beganAt: Date;
}

export interface BackupAlertSettings {
  publicUrl: string;
  timezone: string;
}

const KIND_LABEL: Record<BackupIncidentKind, string> = {
  run_failed: 'backup failed',
  incremental_missed: 'daily backup window missed',
  full_missed: 'full backup window missed',
};

function link(settings: BackupAlertSettings, assetKey: string): string {
  return `${settings.publicUrl}/backups/assets/${encodeURIComponent(assetKey)}`;
}

const FOOTER =
  '\n\n--\nPlumbline sent this because it evaluates backup runs against their policy. ' +
  'Every alert and its delivery is kept as evidence.';

/** The alert sent once when an incident opens. */
export function incidentOpenedText(
  settings: BackupAlertSettings,
  incident: BackupAlertSubject,
): { subject: string; text: string } {
  return {
    subject: `Backup alert: ${incident.assetKey}: ${KIND_LABEL[incident.kind]}`,
    text:
      `${incident.summary}.\n\n` +
      `Asset: ${incident.assetKey} (${incident.assetName})\n` +
      `Policy: ${incident.policySource}\n` +
      `Since: ${formatLocal(incident.beganAt, settings.timezone)}\n\n` +
      `A successful backup is needed within 24 hours of the failure. ` +
      `Plumbline sends one more e-mail when a successful backup arrives.\n\n` +
      `${link(settings, incident.assetKey)}` +
      FOOTER,
  };
}

/** The follow-up sent once when a later success closes the incident. */
export function incidentRecoveredText(
  settings: BackupAlertSettings,
  incident: BackupAlertSubject,
  recoveredAt: Date,
): { subject: string; text: string } {
  return {
    subject: `Backup recovered: ${incident.assetKey}: ${KIND_LABEL[incident.kind]} resolved`,
    text:
      `A successful backup of ${incident.assetKey} (${incident.assetName}) arrived; ` +
      `the incident "${incident.summary}" is closed.\n\n` +
      `Began: ${formatLocal(incident.beganAt, settings.timezone)}\n` +
      `Recovered: ${formatLocal(recoveredAt, settings.timezone)}\n\n` +
      `${link(settings, incident.assetKey)}` +
      FOOTER,
  };
}
