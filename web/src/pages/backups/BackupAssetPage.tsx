import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import {
  BackupStatusBadge,
  formatDuration,
  INCIDENT_KIND_LABELS,
  RpoText,
} from './backup-format.js';
import {
  useBackupAsset,
  type BackupAssetDetailView,
  type BackupIncidentView,
} from './backups-api.js';

/** One asset's backups over the last 30 days: status, runs, incidents and who was told. */
export function BackupAssetPage() {
  const { key = '' } = useParams();
  const detail = useBackupAsset(key);
  return (
    <>
      <PageHeader
        title={`Backups of ${key}`}
        description="Runs, the recovery point achieved, and every incident with the alert e-mails sent and their delivery."
      />
      <Anchor component={Link} to="/backups" size="sm" mb="md" display="block">
        All backups
      </Anchor>
      <QueryView query={detail}>{(data) => <AssetBackups data={data} />}</QueryView>
    </>
  );
}

function AssetBackups({ data }: { data: BackupAssetDetailView }) {
  const { status } = data;
  return (
    <Stack gap="lg">
      <Section title="Status">
        <DetailGrid
          details={[
            { label: 'Status', value: <BackupStatusBadge status={status.status} /> },
            { label: 'Policy', value: status.policy.source },
            { label: 'Last success', value: formatDateTime(status.lastSuccessAt) },
            { label: 'Last full backup', value: formatDateTime(status.lastFullSuccessAt) },
            ...status.windows.map((window) => ({
              label: `${window.kind === 'full' ? 'Full' : 'Incremental'} window`,
              value:
                window.state === 'not_required'
                  ? 'Not required'
                  : `${window.state === 'missed' ? 'Missed' : 'OK'}, due by ${formatDateTime(window.dueBy)}`,
            })),
            {
              label: 'RPO achieved in the period',
              value: <RpoText rpo={data.rpo} />,
            },
            {
              label: 'Largest gap',
              value: data.rpo.worstGap
                ? `${formatDateTime(data.rpo.worstGap.from)} – ${formatDateTime(data.rpo.worstGap.to)}`
                : 'No successful backup recorded',
            },
            { label: 'Encryption', value: status.encryption.state.replace('_', ' ') },
            {
              label: 'Regions',
              value: `${status.regions.state.replace('_', ' ')}${
                status.regions.missingRegions.length > 0
                  ? ` (missing ${status.regions.missingRegions.join(', ')})`
                  : ''
              }`,
            },
            { label: 'Retention', value: retentionText(status.retention) },
          ]}
        />
      </Section>
      <Section title="Incidents">
        {data.incidents.length === 0 ? (
          <Text size="sm" c="dimmed">
            No incident in the period.
          </Text>
        ) : (
          <Stack gap="md" data-testid="backup-incidents">
            {data.incidents.map((incident) => (
              <IncidentPanel key={incident.id} incident={incident} />
            ))}
          </Stack>
        )}
      </Section>
      <Section
        title={`Runs (${data.runs.total}: ${data.runs.succeeded} succeeded, ${data.runs.failed} failed)`}
      >
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs" data-testid="backup-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Tool / job</Table.Th>
                <Table.Th>Recovery point</Table.Th>
                <Table.Th>Encrypted</Table.Th>
                <Table.Th>Region</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.runs.items.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={run.status === 'succeeded' ? 'green' : 'red'} variant="light">
                      {run.status}
                    </Badge>
                    {run.message ? (
                      <Text size="xs" c="dimmed">
                        {run.message}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{run.backupType ?? '—'}</Table.Td>
                  <Table.Td>{[run.tool, run.job].filter(Boolean).join(' / ')}</Table.Td>
                  <Table.Td>{formatDateTime(run.recoveryPointAt)}</Table.Td>
                  <Table.Td>{run.encrypted === null ? '—' : run.encrypted ? 'Yes' : 'No'}</Table.Td>
                  <Table.Td>{run.region ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
    </Stack>
  );
}

function IncidentPanel({ incident }: { incident: BackupIncidentView }) {
  const duration = incident.closedAt
    ? formatDuration(Date.parse(incident.closedAt) - Date.parse(incident.beganAt))
    : null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {INCIDENT_KIND_LABELS[incident.kind]}:{' '}
        {incident.closedAt ? `recovered after ${duration}` : 'open'}
      </Text>
      <Text size="sm">{incident.summary}</Text>
      <Text size="xs" c="dimmed">
        Began {formatDateTime(incident.beganAt)}, opened {formatDateTime(incident.openedAt)}
        {incident.closedAt ? `, closed ${formatDateTime(incident.closedAt)}` : ''}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Alert</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Delivery</Table.Th>
              <Table.Th>Sent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {incident.alerts.map((alert) => (
              <Table.Tr key={alert.messageId}>
                <Table.Td>{alert.purpose === 'opened' ? 'Alert' : 'Recovery'}</Table.Td>
                <Table.Td>{alert.recipient}</Table.Td>
                <Table.Td>
                  {alert.status} ({alert.attempts} attempt{alert.attempts === 1 ? '' : 's'})
                  {alert.lastError ? ` — ${alert.lastError}` : ''}
                </Table.Td>
                <Table.Td>{formatDateTime(alert.sentAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The retention check against the latest snapshot listing, in words. */
function retentionText(retention: BackupAssetDetailView['status']['retention']): string {
  const kept =
    retention.retention === 'indefinite' ? 'kept indefinitely' : `kept ${retention.retention}`;
  switch (retention.state) {
    case 'no_listing':
      return `${kept}; no snapshot listing imported yet`;
    case 'met':
      return `Met (${kept}); oldest point ${formatDateTime(retention.oldestPointAt)} in the listing of ${formatDateTime(retention.listedAt)}`;
    case 'not_met':
      return `Not met (${kept}): oldest point ${formatDateTime(retention.oldestPointAt)}, required by ${formatDateTime(retention.requiredOldestPointAt)} (listing of ${formatDateTime(retention.listedAt)})`;
  }
}
