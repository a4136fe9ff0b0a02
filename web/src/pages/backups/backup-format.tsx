import { Badge } from '@mantine/core';
import type {
  BackupAssetStatus,
  BackupAssetStatusView,
  BackupIncidentView,
} from './backups-api.js';

const STATUS_LABELS: Record<BackupAssetStatus, string> = {
  ok: 'OK',
  failing: 'Backup failed',
  missed: 'Window missed',
  non_compliant: 'Not compliant',
  no_evidence: 'No evidence',
};
const STATUS_COLORS: Record<BackupAssetStatus, string> = {
  ok: 'green',
  failing: 'red',
  missed: 'red',
  non_compliant: 'orange',
  no_evidence: 'red',
};

export const INCIDENT_KIND_LABELS: Record<BackupIncidentView['kind'], string> = {
  run_failed: 'Failed run',
  incremental_missed: 'Incremental window missed',
  full_missed: 'Full backup window missed',
};

export function BackupStatusBadge({ status }: { status: BackupAssetStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** An elapsed duration the way people say it: "25 h 30 min", "3 d 4 h", "45 min". */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/**
 * "25 h 30 min of 24 h" (or "no evidence of 24 h"), coloured by whether the target was met: the
 * words the server computed once, so the CLI prints the same figure.
 */
export function RpoText({ rpo }: { rpo: BackupAssetStatusView['rpoLast30Days'] }) {
  return (
    <Badge color={rpo.met ? 'green' : 'red'} variant="outline" data-rpo-state={rpo.state}>
      {rpo.achieved} of {rpo.target}
    </Badge>
  );
}
