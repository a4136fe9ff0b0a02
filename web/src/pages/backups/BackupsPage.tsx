import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { fromLocalInput } from '../posture/as-of.js';
import { BackupStatusBadge, INCIDENT_KIND_LABELS, RpoText } from './backup-format.js';
import { useBackupStatus, type BackupStatusView } from './backups-api.js';

/** Every asset under a backup policy: whether its backups are where the policy wants them. */
export function BackupsPage() {
  const [asOfInput, setAsOfInput] = useState('');
  const status = useBackupStatus(fromLocalInput(asOfInput));
  return (
    <>
      <PageHeader
        title="Backups"
        description="Each asset under a backup policy, evaluated continuously: last success, missed windows, failed runs, and the recovery point achieved over the last 30 days."
      />
      <Group mb="lg" align="flex-end">
        <TextInput
          type="datetime-local"
          label="As of"
          description="Leave empty for now; only runs recorded by then count"
          value={asOfInput}
          onChange={(event) => setAsOfInput(event.currentTarget.value)}
        />
        {asOfInput ? (
          <Button variant="default" onClick={() => setAsOfInput('')}>
            Now
          </Button>
        ) : null}
      </Group>
      <QueryView query={status}>{(data) => <BackupsOverview data={data} />}</QueryView>
    </>
  );
}

function BackupsOverview({ data }: { data: BackupStatusView }) {
  if (data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No asset is under a backup policy yet.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Group gap="lg">
          <Text size="sm">
            {data.items.length} assets, as of {formatDateTime(data.at)}
          </Text>
          <Group gap="xs">
            <Badge color="red" variant="light">
              {data.counts.missed} missed
            </Badge>
            <Badge color="red" variant="light">
              {data.counts.failing} failed
            </Badge>
            <Badge color="red" variant="light">
              {data.counts.no_evidence} no evidence
            </Badge>
            <Badge color="orange" variant="light">
              {data.counts.non_compliant} not compliant
            </Badge>
            <Badge color="green" variant="light">
              {data.counts.ok} OK
            </Badge>
          </Group>
        </Group>
      </Paper>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="sm" data-testid="backup-status">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Asset</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Last success</Table.Th>
              <Table.Th>RPO achieved (30 days) of target</Table.Th>
              <Table.Th>Open incidents</Table.Th>
              <Table.Th>Policy</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => (
              <Table.Tr key={item.assetKey} data-asset={item.assetKey}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/backups/assets/${encodeURIComponent(item.assetKey)}`}
                    size="sm"
                  >
                    {item.assetKey}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {item.assetName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <BackupStatusBadge status={item.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(item.lastSuccessAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <RpoText rpo={item.rpoLast30Days} />
                </Table.Td>
                <Table.Td>
                  {item.openIncidents.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      None
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {item.openIncidents.map((incident) => (
                        <Text key={incident.id} size="sm">
                          {INCIDENT_KIND_LABELS[incident.kind]} since{' '}
                          {formatDateTime(incident.beganAt)}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {item.policy.source}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
