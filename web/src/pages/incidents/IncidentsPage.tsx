import { Anchor, Badge, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIncidents, type IncidentSeverity, type IncidentView } from '../../api/incidents.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

const SEVERITIES: IncidentSeverity[] = ['critical', 'major', 'minor'];

/** The conformity decision: made (on time or late), or pending with its deadline. */
export function DecisionState({ incident }: { incident: IncidentView }) {
  if (incident.decision) {
    return (
      <Text size="sm">
        {incident.decision.outcome === 'impact' ? 'Impact' : 'No impact'}
        {incident.decision.onTime ? '' : ' (late)'}
      </Text>
    );
  }
  const late = incident.decisionDueAt !== null && new Date(incident.decisionDueAt) < new Date();
  return (
    <Text size="sm" c={late ? 'red' : undefined}>
      {incident.decisionDueAt ? `Due ${formatDateTime(incident.decisionDueAt)}` : 'Pending'}
      {late ? ' (overdue)' : ''}
    </Text>
  );
}

/** Incidents, open ones first, with where their conformity decision stands. */
export function IncidentsPage() {
  const [open, setOpen] = useState(false);
  const [severity, setSeverity] = useState<IncidentSeverity | null>(null);
  const incidents = useIncidents({ open, severity });
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Infrastructure incidents, open first, with the 24-hour conformity decision."
      />
      <Group mb="md">
        <Checkbox
          label="Only not closed"
          checked={open}
          onChange={(event) => setOpen(event.currentTarget.checked)}
        />
        <Select
          aria-label="Severity"
          placeholder="Any severity"
          clearable
          w={180}
          data={SEVERITIES}
          value={severity}
          onChange={(value) => setSeverity(value)}
        />
      </Group>
      <QueryView query={incidents}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No incidents">Nothing has been opened.</EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="sm" data-testid="incidents">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Incident</Table.Th>
                      <Table.Th>Severity</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Opened</Table.Th>
                      <Table.Th>Conformity decision</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((incident) => (
                      <Table.Tr key={incident.id} data-incident={incident.number}>
                        <Table.Td>
                          <Anchor component={Link} to={`/incidents/${incident.id}`} size="sm">
                            {incident.number} · {incident.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Badge color={incident.severity === 'critical' ? 'red' : 'orange'}>
                            {incident.severity}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{incident.status}</Table.Td>
                        <Table.Td>{formatDateTime(incident.openedAt)}</Table.Td>
                        <Table.Td>
                          <DecisionState incident={incident} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={incidents} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
