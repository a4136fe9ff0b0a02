import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import type { WorkOrderDetail } from '../../api/work-types.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

const RUN_COLORS = { succeeded: 'teal', failed: 'red', partial: 'orange' } as const;

/**
 * What the control's automatic source recorded for this occurrence (backup runs and open
 * incidents), so a manual closeout is read next to the facts it must not contradict.
 */
export function SourceFactsPanel({
  facts,
}: {
  facts: NonNullable<WorkOrderDetail['sourceFacts']>;
}) {
  return (
    <Section title="What the backup source recorded">
      <Stack gap="sm" data-testid="source-facts">
        {facts.contradiction ? (
          <Alert color="red" title="The recorded facts contradict a closeout">
            {facts.contradiction}. Completing needs a signed override with its justification; the
            evidence pack lists it as an exception.
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          Runs of {facts.assetKey} started between {formatDateTime(facts.window.from)} and{' '}
          {formatDateTime(facts.window.to)}.
        </Text>
        {facts.runs.length === 0 ? (
          <Text size="sm">No run recorded in this window.</Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Finished</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {facts.runs.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                  <Table.Td>{run.finishedAt ? formatDateTime(run.finishedAt) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={RUN_COLORS[run.status]} variant="light">
                      {run.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{run.message ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {facts.openIncidents.map((incident) => (
          <Alert key={incident.id} color="orange" title={`Open incident: ${incident.kind}`}>
            {incident.summary} (since {formatDateTime(incident.beganAt)})
          </Alert>
        ))}
      </Stack>
    </Section>
  );
}
